// Briefs already in the graph that may be the same as the briefs about to be written: same
// normalised title (an index seek on brief_title_key), dated within $maxDays of each other.
// The importer then compares their content keys.
UNWIND $briefs AS q
MATCH (b:Brief {titleKey: q.titleKey})
WHERE b.id <> 'brief:' + q.id
  AND (q.date IS NULL OR b.date IS NULL OR abs(duration.inDays(date(b.date), date(q.date)).days) <= $maxDays)
RETURN q.id AS query, substring(b.id, 6) AS id, b.source AS source, b.titleKey AS titleKey, b.date AS date, b.contentKeys AS contentKeys, coalesce(b.truncated, false) AS truncated
