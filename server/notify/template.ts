/**
 * The part of Alertmanager's Go templates that titles and texts may use: `{{ .Status }}`,
 * `{{ .Receiver }}`, `{{ .ExternalURL }}`, `{{ len .Alerts }}` and `{{ .GroupLabels.x }}`,
 * `{{ .CommonLabels.x }}`, `{{ .CommonAnnotations.x }}`. Anything else is refused when the file is
 * checked, so a template never reaches a receiver half-rendered.
 */
export interface TemplateData {
  status: string;
  receiver: string;
  externalURL: string;
  alertCount: number;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
}

const EXPRESSION = /\{\{-?\s*(.*?)\s*-?\}\}/g;
const FIELD = /^\.(GroupLabels|CommonLabels|CommonAnnotations)\.([a-zA-Z_]\w*)$/;

function evaluate(expression: string, data: TemplateData): string | undefined {
  if (expression === '.Status') return data.status;
  if (expression === '.Receiver') return data.receiver;
  if (expression === '.ExternalURL') return data.externalURL;
  if (expression === 'len .Alerts') return String(data.alertCount);
  const field = FIELD.exec(expression);
  if (!field) return undefined;
  const source = field[1] === 'GroupLabels' ? data.groupLabels : field[1] === 'CommonLabels' ? data.commonLabels : data.commonAnnotations;
  return source[field[2] ?? ''] ?? '';
}

const SAMPLE: TemplateData = { status: '', receiver: '', externalURL: '', alertCount: 0, groupLabels: {}, commonLabels: {}, commonAnnotations: {} };

/** What is wrong with a template, or undefined when every expression is supported. */
export function templateProblem(text: string): string | undefined {
  for (const [, expression = ''] of text.matchAll(EXPRESSION)) {
    if (evaluate(expression, SAMPLE) === undefined)
      return `unsupported template expression {{ ${expression} }} (supported: .Status, .Receiver, .ExternalURL, len .Alerts, .GroupLabels.<label>, .CommonLabels.<label>, .CommonAnnotations.<name>)`;
  }
  return undefined;
}

export function renderTemplate(text: string, data: TemplateData): string {
  return text.replace(EXPRESSION, (_, expression: string) => evaluate(expression, data) ?? '');
}
