// Briefs already in the graph that may be the same as the briefs about to be written: same
// normalised title (an index seek on brief_title_key), dated within $maxDays of each other, and
// the brief under the same id (a re-import of the same file). The importer compares their content.
// The briefs travel in a map ($batch.briefs), so the plan is cached whatever their number.
UNWIND $batch.briefs AS q
CALL {
  WITH q
  MATCH (b:Brief {titleKey: q.titleKey})
  WHERE q.date IS NULL OR b.date IS NULL OR abs(duration.inDays(date(b.date), date(q.date)).days) <= $maxDays
  RETURN b
  UNION
  WITH q
  MATCH (b:Brief {id: 'brief:' + q.id})
  RETURN b
}
RETURN q.id AS query, substring(b.id, 6) AS id, b.source AS source, b.titleKey AS titleKey, b.date AS date, b.contentKeys AS contentKeys, coalesce(b.truncated, false) AS truncated
