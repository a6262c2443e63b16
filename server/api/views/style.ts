import { z } from 'zod';

/**
 * The explorer's style and filter rules (issue 30), as a saved view stores them. Pure zod: the
 * explorer bundles this file to build, check and apply rules; the view store checks them.
 * Bounded like the rest of a view: a few dozen short rules.
 */
export const MAX_STYLE_RULES = 40;

const short = (n: number) =>
  z
    .string()
    .max(n)
    .refine((s) => !/[\uD800-\uDFFF]/.test(s) || /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/.test(s), 'not well-formed Unicode');

export const RULE_OPS = ['any', '=', '!=', '>=', '<=', 'contains', 'exists', 'missing'] as const;
export const RULE_ACTIONS = ['color', 'size', 'shape', 'label', 'hide'] as const;
export const RULE_SHAPES = ['ellipse', 'round-rectangle', 'rectangle', 'diamond', 'hexagon', 'triangle', 'star', 'tag', 'vee'] as const;

export const styleRuleSchema = z
  .object({
    /** Nodes or relationships. */
    on: z.enum(['node', 'edge']),
    /** A node label or a relationship type; unset: any. */
    label: short(40)
      .regex(/^[A-Za-z_]*$/)
      .optional(),
    /** A property ("status", "date", "extraction") or a measure ("graphDegree", "policiesLed", "mentions", "weak"). */
    field: short(40).regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    op: z.enum(RULE_OPS),
    value: short(100).optional(),
    action: z.enum(RULE_ACTIONS),
    /**
     * color: "#rrggbb"; size: a diameter in pixels or "by:<measure>"; shape: one of RULE_SHAPES;
     * label: the property to show; hide: unset.
     */
    arg: short(60).optional(),
    /** What the legend says; unset: a sentence made from the rule. */
    name: short(80).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['arg'], message });
    if (r.action === 'color' && !/^#[0-9a-fA-F]{6}$/.test(r.arg ?? '')) bad('a colour is "#rrggbb"');
    if (r.action === 'size' && !/^(\d{1,3}|by:[A-Za-z_][A-Za-z0-9_]*)$/.test(r.arg ?? '')) bad('a size is a number of pixels or "by:<measure>"');
    if (r.action === 'shape' && !(RULE_SHAPES as readonly string[]).includes(r.arg ?? '')) bad(`a shape is one of ${RULE_SHAPES.join(', ')}`);
    if (r.action === 'label' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(r.arg ?? '')) bad('a label names a property');
  });
export type StyleRule = z.infer<typeof styleRuleSchema>;

export const styleRulesSchema = z.array(styleRuleSchema).max(MAX_STYLE_RULES);
