// Constraints and indexes. Applied at every start (npm start, import, tests); each statement is
// idempotent (IF NOT EXISTS). Statements end with a semicolon at the end of a line.

// Node ids are stable keys derived from the source (brief file, registry id, normalised name),
// so MERGE on id makes re-imports idempotent.
CREATE CONSTRAINT brief_id IF NOT EXISTS FOR (n:Brief) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT policy_id IF NOT EXISTS FOR (n:Policy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sector_id IF NOT EXISTS FOR (n:Sector) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT newsitem_id IF NOT EXISTS FOR (n:NewsItem) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT outlet_id IF NOT EXISTS FOR (n:Outlet) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;

// Date-range filters and timelines.
CREATE INDEX policy_date IF NOT EXISTS FOR (n:Policy) ON (n.date);
CREATE INDEX newsitem_date IF NOT EXISTS FOR (n:NewsItem) ON (n.date);
CREATE INDEX brief_date IF NOT EXISTS FOR (n:Brief) ON (n.date);
// When each brief was last imported: the newest one tells the API whether cached reports are current.
CREATE INDEX brief_imported_at IF NOT EXISTS FOR (n:Brief) ON (n.importedAt);
// A brief imported again under another name or format is found by its normalised title.
CREATE INDEX brief_title_key IF NOT EXISTS FOR (n:Brief) ON (n.titleKey);
CREATE INDEX agency_acronym IF NOT EXISTS FOR (n:Agency) ON (n.acronym);
CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name);
// Lineage across briefs (cypher/import/lineage.cypher): a policy finds its draft, final version or
// earlier edition by its title without draft and edition markers, whatever the graph's size.
CREATE INDEX policy_title_key IF NOT EXISTS FOR (n:Policy) ON (n.titleKey);

// Search: two full-text indexes over the searchable labels (server/graph/model.ts says which; a
// unit test holds this file to it). `nameText` carries names, titles, acronyms, aliases and Chinese
// names joined into one string; type-ahead looks there first, since a common prefix ("tech")
// matches a few hundred names but thousands of news texts. `searchText` adds the full text of news
// items, for words that no name contains; news items are only there (their "name" is their date
// and first words, and in the names index a much-reported body's news outscored the body). Targets
// are in neither: a target is a clause of its policy's key points, reached from the policy.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Policy|Agency|Company|Sector|Outlet|Place)
ON EACH [n.nameText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Policy|Agency|Company|Sector|NewsItem|Outlet|Place)
ON EACH [n.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };

// Provenance: every extracted relationship carries the id of its brief; re-importing or
// removing a brief finds its relationships through these indexes.
CREATE INDEX covers_brief IF NOT EXISTS FOR ()-[r:COVERS]-() ON (r.brief);
CREATE INDEX reports_brief IF NOT EXISTS FOR ()-[r:REPORTS]-() ON (r.brief);
CREATE INDEX announces_brief IF NOT EXISTS FOR ()-[r:ANNOUNCES]-() ON (r.brief);
CREATE INDEX final_version_of_brief IF NOT EXISTS FOR ()-[r:FINAL_VERSION_OF]-() ON (r.brief);
CREATE INDEX revises_brief IF NOT EXISTS FOR ()-[r:REVISES]-() ON (r.brief);
CREATE INDEX implements_brief IF NOT EXISTS FOR ()-[r:IMPLEMENTS]-() ON (r.brief);
CREATE INDEX cites_policy_brief IF NOT EXISTS FOR ()-[r:CITES_POLICY]-() ON (r.brief);
CREATE INDEX issued_by_brief IF NOT EXISTS FOR ()-[r:ISSUED_BY]-() ON (r.brief);
CREATE INDEX targets_brief IF NOT EXISTS FOR ()-[r:TARGETS]-() ON (r.brief);
CREATE INDEX has_target_brief IF NOT EXISTS FOR ()-[r:HAS_TARGET]-() ON (r.brief);
CREATE INDEX mentioned_in_brief IF NOT EXISTS FOR ()-[r:MENTIONED_IN]-() ON (r.brief);
CREATE INDEX involves_brief IF NOT EXISTS FOR ()-[r:INVOLVES]-() ON (r.brief);
CREATE INDEX about_brief IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.brief);
CREATE INDEX cites_brief IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.brief);
CREATE INDEX located_in_brief IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.brief);
CREATE INDEX rejected_brief IF NOT EXISTS FOR ()-[r:REJECTED]-() ON (r.brief);

// Corrections (docs/curation.md): a rejected or merged-away node keeps its id under a label of its
// own, found by id when a re-import recreates it or an undo restores it.
CREATE INDEX rejected_id IF NOT EXISTS FOR (n:Rejected) ON (n.id);
CREATE INDEX merged_id IF NOT EXISTS FOR (n:Merged) ON (n.id);

// Briefs by title, topics and publication date ("Data market", "March 2024"). An index of its own:
// briefs are searched after names, so a brief titled like a sector never hides the sector.
CREATE FULLTEXT INDEX brief_names IF NOT EXISTS
FOR (n:Brief)
ON EACH [n.nameText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };
