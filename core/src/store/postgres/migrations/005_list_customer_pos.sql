-- Payments of one customer, oldest or newest first (order 'desc', issue #5 follow-up). With only
-- (merchant_id, customer_id) the planner walked the merchant's whole pos index backwards for a customer
-- with fewer payments than a page (270,000 rows, ~200 ms, measured with EXPLAIN ANALYZE); this index
-- gives their payments in pos order directly and serves every lookup the old one did.
CREATE INDEX payments_merchant_customer_pos ON payments (merchant_id, customer_id, pos);
DROP INDEX payments_merchant_customer;
