// Empties the graph, part 2: the nodes, now without relationships, in batches of $batch.
// Needs an auto-commit transaction (Executor.autoCommit).
MATCH (n)
CALL { WITH n DELETE n } IN TRANSACTIONS OF $batch ROWS
