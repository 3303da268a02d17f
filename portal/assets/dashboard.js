/* The dashboard's progressive enhancement: every page works without it. It adds copy buttons, a
   confirmation before cancelling an invoice or revoking a key, the c_ClaveProdServ search of the
   default product, the branding form's live preview (colors, name, logo, slug warning) and a busy state
   on submit so a double click does not post twice. No inline code: the CSP allows only this file. */
(() => {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'es';
  const text = {
    es: { copy: 'Copiar', copied: 'Copiado', noResults: 'Sin resultados' },
    en: { copy: 'Copy', copied: 'Copied', noResults: 'No results' },
  }[lang];

  async function copyText(value, button) {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard API unavailable (http, permissions): select the text so Ctrl+C works.
      return false;
    }
    const label = button.textContent;
    button.textContent = text.copied;
    button.classList.add('is-copied');
    setTimeout(() => {
      button.textContent = label;
      button.classList.remove('is-copied');
    }, 1600);
    return true;
  }

  function setupCopy() {
    for (const button of document.querySelectorAll('[data-copy-from]')) {
      button.addEventListener('click', async () => {
        const input = document.getElementById(button.dataset.copyFrom);
        if (!input) return;
        if (!(await copyText(input.value, button))) input.select();
      });
    }
    // Secrets shown once (<code data-copy>): a copy button beside each.
    for (const code of document.querySelectorAll('code[data-copy]')) {
      const row = document.createElement('div');
      row.className = 'copy-row';
      code.replaceWith(row);
      row.append(code);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button--ghost';
      button.textContent = text.copy;
      button.addEventListener('click', async () => {
        if (await copyText(code.textContent.trim(), button)) return;
        const range = document.createRange();
        range.selectNodeContents(code);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      });
      row.append(button);
    }
  }

  function setupForms() {
    for (const form of document.querySelectorAll('form')) {
      form.addEventListener('submit', (event) => {
        const question = form.dataset.confirm;
        if (question && !window.confirm(question)) {
          event.preventDefault();
          return;
        }
        if (form.method.toLowerCase() !== 'post') return;
        const button = event.submitter || form.querySelector('[type="submit"]');
        if (!button) return;
        // Block a second submit, but let this one go through (disabled buttons are not sent).
        if (button.getAttribute('aria-busy') === 'true') {
          event.preventDefault();
          return;
        }
        setTimeout(() => button.setAttribute('aria-busy', 'true'), 0);
      });
    }
    // A page restored from the back/forward cache must not keep busy buttons.
    window.addEventListener('pageshow', () => {
      for (const button of document.querySelectorAll('[aria-busy="true"]'))
        button.removeAttribute('aria-busy');
    });
  }

  function setupProductSearch() {
    const input = document.querySelector('[data-product-search]');
    if (!input) return;
    const list = document.getElementById(input.getAttribute('list'));
    const label = document.querySelector('[data-product-label]');
    const known = new Map();
    let timer;
    let asked = '';
    const showLabel = () => {
      const description = known.get(input.value.trim());
      if (description && label) label.textContent = description;
    };
    input.addEventListener('input', () => {
      showLabel();
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2 || q === asked) return;
      timer = setTimeout(async () => {
        asked = q;
        try {
          const response = await fetch(`/dashboard/catalogs/products?q=${encodeURIComponent(q)}`, {
            headers: { accept: 'application/json' },
            credentials: 'same-origin',
          });
          if (!response.ok) return;
          const { items } = await response.json();
          if (input.value.trim() !== q) return;
          list.replaceChildren(
            ...items.map((item) => {
              known.set(item.key, item.description);
              const option = document.createElement('option');
              option.value = item.key;
              option.label = `${item.key} · ${item.description}`;
              option.textContent = item.description;
              return option;
            }),
          );
          if (!items.length && label) label.textContent = text.noResults;
          showLabel();
        } catch {
          // Offline or the server refused: the field still takes a typed key.
        }
      }, 220);
    });
    input.addEventListener('change', showLabel);
  }

  function setupBranding() {
    const form = document.querySelector('[data-branding]');
    if (!form) return;
    const card = form.querySelector('[data-preview-card]');
    const hex = /^#[0-9a-fA-F]{6}$/;
    const vars = { color: '--p', 'secondary-color': '--s' };
    for (const picker of form.querySelectorAll('[data-color-for]')) {
      const field = document.getElementById(picker.dataset.colorFor);
      const paint = (value) => {
        if (card && hex.test(value)) card.style.setProperty(vars[field.id], value);
      };
      picker.addEventListener('input', () => {
        field.value = picker.value.toUpperCase();
        paint(picker.value);
      });
      field.addEventListener('input', () => {
        let value = field.value.trim();
        if (/^[0-9a-fA-F]{6}$/.test(value)) value = `#${value}`;
        if (hex.test(value)) {
          picker.value = value.toLowerCase();
          paint(value);
        }
      });
    }
    const name = form.querySelector('#trade-name');
    const shown = form.querySelector('[data-preview-name]');
    if (name && shown) {
      name.addEventListener('input', () => {
        shown.textContent = name.value;
        const initial = form.querySelector('.preview-initial');
        if (initial) initial.textContent = name.value.slice(0, 1) || '?';
      });
    }
    const logo = form.querySelector('#logo');
    if (logo && card) {
      logo.addEventListener('change', () => {
        const file = logo.files?.[0];
        if (!file || !/^image\/(png|jpeg)$/.test(file.type) || file.size > 512 * 1024) return;
        const reader = new FileReader();
        reader.addEventListener('load', () => {
          let img = card.querySelector('.preview-logo');
          if (!img) {
            img = document.createElement('img');
            img.className = 'preview-logo';
            img.alt = '';
            card.querySelector('.preview-initial')?.replaceWith(img);
          }
          img.src = reader.result;
        });
        reader.readAsDataURL(file);
      });
    }
    const slug = form.querySelector('#slug');
    const warning = form.querySelector('.slug-warning');
    if (slug && warning) {
      const original = slug.dataset.original || '';
      const toggle = () => {
        warning.hidden = slug.value.trim().toLowerCase() === original;
      };
      slug.addEventListener('input', toggle);
      toggle();
    }
  }

  /** Scrolling menus (settings tabs; the menu on phones) show their current item. */
  function revealCurrent() {
    for (const menu of document.querySelectorAll('.tabs, .side-nav')) {
      const current = menu.querySelector('[aria-current="page"]');
      if (!current || menu.scrollWidth <= menu.clientWidth) continue;
      const box = menu.getBoundingClientRect();
      const item = current.getBoundingClientRect();
      menu.scrollLeft += item.left - box.left - (box.width - item.width) / 2;
    }
  }

  const start = () => {
    revealCurrent();
    window.addEventListener('resize', revealCurrent);
    setupCopy();
    setupForms();
    setupProductSearch();
    setupBranding();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
