-- The self-invoice portal finds a merchant by branding.slug (/{slug}); a slug belongs to one merchant.
CREATE UNIQUE INDEX merchants_slug ON merchants ((data -> 'branding' ->> 'slug'))
  WHERE data -> 'branding' ->> 'slug' IS NOT NULL;
