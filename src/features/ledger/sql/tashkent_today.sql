-- Today in Asia/Tashkent: the one clock of the product. Card expiry, history
-- days and the dashboard's day all ask the database, never the app's clock.
CREATE OR REPLACE FUNCTION tashkent_today()
RETURNS date
LANGUAGE sql STABLE
AS $$
  SELECT (now() AT TIME ZONE 'Asia/Tashkent')::date
$$;
