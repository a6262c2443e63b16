import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const CITE = 'Cite every fact as the tools give it: the sentence in quotes, then the brief title, date, file and line. Say when a list was truncated.';

const user = (text: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] });

/** Ready-made questions an assistant offers its user, each naming the tools that answer it. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'relationship_report',
    {
      title: 'Relationship report on …',
      description: 'A cited summary of an agency or company: its policies, partners, sectors and news.',
      argsSchema: { entity: z.string().describe('An agency or company, by name or id (MIIT, 工信部, Tesla)') },
    },
    ({ entity }) =>
      user(
        `Write a relationship report on ${entity} from the Policy Graph. ` +
          `First call search_entities to find it and tell whether it is an agency or a company; then call relationship_report with that kind and id. ` +
          `Summarise its policies, co-issuers or related agencies, sectors and recent news in a few paragraphs. ${CITE}`,
      ),
  );
  server.registerPrompt(
    'what_changed_since',
    {
      title: 'What changed for … since …',
      description: 'Policies and news about an agency, company or sector since a date.',
      argsSchema: {
        entity: z.string().describe('An agency, company or sector, by name or id'),
        since: z.string().describe('A date: YYYY, YYYY-MM or YYYY-MM-DD'),
      },
    },
    ({ entity, since }) =>
      user(
        `What changed for ${entity} since ${since}, according to the Policy Graph? ` +
          `For what the imports since then added, call changes_since with the date as YYYY-MM-DD. Call search_entities to find ${entity}. For an agency or a sector, call find_policies with it (agency or sector) and from="${since}"; ` +
          `for a company, call find_related and keep what is dated on or after ${since}. ` +
          `For news, describe_entity lists the facts of the newest briefs, and run_cypher can list news items since the date ` +
          `(MATCH (n:NewsItem)-[r]-(x {id: $id}) WHERE n.date >= date($since) RETURN n.date, n.text, r ORDER BY n.date DESC LIMIT 25). ` +
          `List the changes newest first. ${CITE}`,
      ),
  );
}
