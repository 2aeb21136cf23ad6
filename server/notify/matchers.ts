/**
 * Alertmanager matchers (`severity="critical"`, `team=~"fleet|security"`, `kind!=capacity`):
 * the one form the routes and inhibit rules use. Regexes are anchored, as in Alertmanager.
 */
export type Labels = Record<string, string>;

export interface Matcher {
  name: string;
  type: '=' | '!=' | '=~' | '!~';
  value: string;
  regex?: RegExp;
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^"'\s][^\s]*)?)\s*$/;

/** A matcher, or a message saying what is wrong with it. */
export function parseMatcher(text: string): Matcher | string {
  const match = MATCHER.exec(text);
  if (!match) return `"${text}" is not a matcher (label="value", label!="value", label=~"regex" or label!~"regex")`;
  const [, name = '', type = '=', doubleQuoted, singleQuoted, bare] = match;
  const value = (doubleQuoted ?? singleQuoted ?? bare ?? '').replace(/\\(.)/g, '$1');
  const matcher: Matcher = { name, type: type as Matcher['type'], value };
  if (type === '=~' || type === '!~') {
    try {
      matcher.regex = new RegExp(`^(?:${value})$`);
    } catch (error) {
      return `"${text}": invalid regular expression (${(error as Error).message})`;
    }
  }
  return matcher;
}

/** A missing label counts as the empty string, as in Alertmanager. */
export function matches(matcher: Matcher, labels: Labels): boolean {
  const value = labels[matcher.name] ?? '';
  switch (matcher.type) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return matcher.regex?.test(value) ?? false;
    case '!~':
      return !(matcher.regex?.test(value) ?? false);
  }
}

export function matchesAll(matchers: readonly Matcher[], labels: Labels): boolean {
  return matchers.every((matcher) => matches(matcher, labels));
}

export function formatMatcher(matcher: Matcher): string {
  return `${matcher.name}${matcher.type}${JSON.stringify(matcher.value)}`;
}
