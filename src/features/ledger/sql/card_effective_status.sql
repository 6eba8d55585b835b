-- A card past its expiry date is expired even before the hourly job marks it.
CREATE OR REPLACE FUNCTION card_effective_status(p_status card_status, p_expiry_date date)
RETURNS card_status
LANGUAGE sql STABLE
AS $$
  SELECT CASE
    WHEN p_status IN ('active', 'frozen') AND p_expiry_date < tashkent_today() THEN 'expired'::card_status
    ELSE p_status
  END
$$;
