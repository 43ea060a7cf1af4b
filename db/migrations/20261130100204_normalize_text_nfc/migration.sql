-- Text typed on some keyboards arrived decomposed (NFD, "e" + U+0302 + U+0301 for "ế") and was stored as
-- sent. The API now composes every text input to NFC; this brings the rows already stored to NFC too:
-- every text, varchar and jsonb column of every table of the schema, with one UPDATE per table that
-- touches only the rows holding decomposed text (generated columns follow their sources by themselves).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.table_name,
      string_agg(
        format(CASE WHEN c.data_type = 'jsonb' THEN '%1$I = normalize(%1$I::text, NFC)::jsonb' ELSE '%1$I = normalize(%1$I, NFC)' END, c.column_name),
        ', ' ORDER BY c.ordinal_position) AS assignments,
      string_agg(
        format(CASE WHEN c.data_type = 'jsonb' THEN '%1$I::text IS NOT NFC NORMALIZED' ELSE '%1$I IS NOT NFC NORMALIZED' END, c.column_name),
        ' OR ' ORDER BY c.ordinal_position) AS decomposed
    FROM information_schema.columns c
    JOIN information_schema.tables tb
      ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema()
      AND c.data_type IN ('text', 'character varying', 'jsonb')
      AND c.is_generated = 'NEVER'
    GROUP BY c.table_name
  LOOP
    EXECUTE format('UPDATE %I SET %s WHERE %s', t.table_name, t.assignments, t.decomposed);
  END LOOP;
END $$;
