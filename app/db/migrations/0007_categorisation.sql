-- Categorisation (issue #4): proposals for uncategorised transactions, and who may change a category.

-- @dialect all
-- Proposals page through the uncategorised rows by id. Once most of a large book is categorised
-- they are few and far apart, and the primary key alone would walk the whole table to find them.
CREATE INDEX transactions_uncategorised_idx ON transactions (id) WHERE category_id IS NULL;

-- @dialect postgresql
-- The row policies let an importer write transactions (an import categorises the rows it
-- creates); changing the category of a stored row takes transactions.categorize itself. The
-- database owner (no bound session) is not held back.
CREATE FUNCTION flowlet_auth.guard_category_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF flowlet_auth.current_user_id() IS NOT NULL
       AND NOT flowlet_auth.has_permission('transactions.categorize') THEN
        RAISE EXCEPTION 'changing a category needs the transactions.categorize permission' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$$;
REVOKE EXECUTE ON FUNCTION flowlet_auth.guard_category_change() FROM PUBLIC;

CREATE TRIGGER transactions_category_guard BEFORE UPDATE OF category_id, category_source ON transactions
    FOR EACH ROW
    WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.category_source IS DISTINCT FROM NEW.category_source)
    EXECUTE FUNCTION flowlet_auth.guard_category_change();
