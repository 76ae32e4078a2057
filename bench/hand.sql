-- The hand-written peer: the report's headline figures per site, as an
-- analyst who knows the schema would write them for the sqlite3 shell.
-- bench.py fills in the {placeholders} (dates as text, the way sitrep
-- stores them: times "YYYY-MM-DDTHH:MM", dates "YYYY-MM-DD") and checks
-- every figure against `sitrep report --format json`.
--
--   {day}      the day D                 {next}   D + 1
--   {yday}     D - 1                     {month}  the 1st of D's month
--   {strand}   D - stranded_days + 1     {super}  D - super_stranded_days + 1
--
-- "In a bed at the end of D": admitted before D + 1, not discharged before
-- D + 1. The current stays and those discharged since are read apart, and
-- "site IN (SELECT code FROM site)" lets the planner seek each site's date
-- range in the indexes that start with the site rather than read the whole
-- history (the best plan this schema allows, which is what sitrep's own
-- queries do); LOS >= N days is "admitted before D - N + 1", compared as
-- text.
.mode csv
.headers off
SELECT 'bed', site, count(*),
       sum(admitted_at < '{strand}'), sum(admitted_at < '{super}'),
       sum(g2g_date <= '{day}')
FROM (SELECT site, admitted_at, g2g_date FROM stay
      WHERE discharged_at IS NULL AND admitted_at < '{next}'
      AND site IN (SELECT code FROM site)
      UNION ALL
      SELECT site, admitted_at, g2g_date FROM stay
      WHERE discharged_at >= '{next}' AND admitted_at < '{next}'
      AND site IN (SELECT code FROM site))
GROUP BY site;

-- Delayed bed days month to date: the days of [1st, D] inside
-- [g2g_date, discharge date).
SELECT 'dbd', site,
       sum(max(0, julianday(min('{next}', coalesce(substr(discharged_at, 1, 10), '{next}')))
                - julianday(max(g2g_date, '{month}'))))
FROM (SELECT site, g2g_date, discharged_at FROM stay
      WHERE discharged_at IS NULL AND g2g_date <= '{day}'
      AND site IN (SELECT code FROM site)
      UNION ALL
      SELECT site, g2g_date, discharged_at FROM stay
      WHERE discharged_at >= '{month}' AND g2g_date <= '{day}'
      AND site IN (SELECT code FROM site))
GROUP BY site;

-- Discharges dated D - 1.
SELECT 'dis', site, count(*) FROM stay
WHERE discharged_at >= '{yday}' AND discharged_at < '{day}'
AND site IN (SELECT code FROM site)
GROUP BY site;
