// Empties the graph, part 1: relationships in batches of $batch, each batch its own transaction.
// Deleting relationships first keeps every batch small: DETACH DELETE of a batch holding a hub
// (MIIT has tens of thousands of relationships at 5,000 briefs) deletes all of its relationships
// in that one transaction and exceeds the transaction memory pool.
// Needs an auto-commit transaction (Executor.autoCommit).
MATCH ()-[r]->()
CALL { WITH r DELETE r } IN TRANSACTIONS OF $batch ROWS
