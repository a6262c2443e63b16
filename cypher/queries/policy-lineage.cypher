// name: policy-lineage
// title: A policy's lineage
// description: The drafts, final versions, editions and plans a policy is joined to, oldest first: each document with the link it makes, the rule that made it and the evidence (docs/graph-model.md "Lineage").
// param: policy: entity(Policy) = policy:工业和信息化部等七部门关于印发推动工业领域设备更新实施方案的通知 — the policy (its id; its English or Chinese title also works)
MATCH (p:Policy) WHERE p.id = $policy OR toLower(p.title) = toLower($policy) OR p.titleZh = $policy
MATCH (p)-[:FINAL_VERSION_OF|REVISES|IMPLEMENTS*0..8]-(q:Policy)
WITH DISTINCT q
OPTIONAL MATCH (q)-[r:FINAL_VERSION_OF|REVISES|IMPLEMENTS]->(e:Policy)
RETURN q.date AS date, q.title AS title, q.status AS status, type(r) AS link, e.title AS linkedTo, r.rule AS rule, r.evidence AS evidence, q
ORDER BY date, title
