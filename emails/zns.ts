import type { RenderContext, ZnsTemplate } from './template';

/** Zalo's limit on a ZNS message's rendered content. */
export const ZNS_MAX_CHARS = 400;

export class ZnsLimitError extends Error {}

/**
 * A ZNS request's parameters, each cut to its approved length (Zalo refuses longer values; a long name is cut
 * rather than the message lost), then the rendered content checked against the 400-character limit.
 */
export function znsParams<P>(
  template: ZnsTemplate<P>,
  params: P,
  context: RenderContext,
): { templateId: string; params: Record<string, string>; content: string } {
  const raw = template.params(params, context);
  const cut: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const max = template.maxLengths[name];
    if (max === undefined) throw new ZnsLimitError(`ZNS template ${template.templateId}: unknown parameter ${name}`);
    cut[name] = [...value].length > max ? `${[...value].slice(0, max - 1).join('')}…` : value;
  }
  const content = template.content.replace(/<([a-z_]+)>/g, (whole, name: string) => cut[name] ?? whole);
  if ([...content].length > ZNS_MAX_CHARS) {
    throw new ZnsLimitError(
      `ZNS template ${template.templateId}: ${[...content].length} characters, more than ${ZNS_MAX_CHARS}`,
    );
  }
  return { templateId: template.templateId, params: cut, content };
}
