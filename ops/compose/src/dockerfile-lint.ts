/**
 * The Dockerfile rules that matter for EthixAI's images, as a checker the tests run (no
 * Dockerfile linter binary is installable here, and the npm one is unmaintained): multi-stage,
 * every base image pinned to an exact version (never `latest`), a non-root USER in the final
 * stage, a HEALTHCHECK, no secret-looking ENV or ARG, no ADD from URLs, apt lists removed in the
 * RUN that installs, exec-form CMD.
 */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

/** Instructions with line continuations joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) return;
    if (pending === '') start = index + 1;
    if (line.startsWith('#')) return;
    pending += `${line.replace(/\\$/, '').trim()} `;
    if (line.endsWith('\\')) return;
    const [keyword = '', ...rest] = pending.trim().split(/\s+/);
    out.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: start });
    pending = '';
  });
  return out;
}

const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_?KEY|SIGNING)/i;
/** `name:1.2.3[-variant]` (a full version, not a moving major tag) and/or a digest. */
const PINNED = /^[\w./-]+(:\d+\.\d+\.\d+[\w.-]*)?(@sha256:[0-9a-f]{64})?$/;

export function lintDockerfile(text: string): string[] {
  const findings: string[] = [];
  const instructions = parseDockerfile(text);
  const args = new Map<string, string>();
  for (const i of instructions.filter((i) => i.keyword === 'ARG')) {
    const [name = '', value] = i.args.split('=', 2);
    if (value !== undefined) args.set(name, value);
  }
  const froms = instructions.filter((i) => i.keyword === 'FROM');
  if (froms.length < 2) findings.push('not multi-stage: one FROM');
  for (const from of froms) {
    const image = from.args
      .split(/\s+/)[0]!
      .replace(/^\$\{?(\w+)\}?$/, (_, name: string) => args.get(name) ?? `$${name}`);
    if (!PINNED.test(image) || !/[:@]/.test(image))
      findings.push(`line ${from.line}: base image ${image} is not pinned to a version`);
    if (/:latest\b/.test(image)) findings.push(`line ${from.line}: base image ${image} uses latest`);
  }
  const lastFrom = froms.at(-1);
  const finalStage = lastFrom === undefined ? [] : instructions.filter((i) => i.line > lastFrom.line);
  const user = finalStage.filter((i) => i.keyword === 'USER').at(-1);
  if (user === undefined) findings.push('final stage has no USER: it would run as root');
  else if (/^(root|0)(:|$)/.test(user.args)) findings.push(`line ${user.line}: final USER is root`);
  if (!finalStage.some((i) => i.keyword === 'HEALTHCHECK' && !/^NONE\b/i.test(i.args)))
    findings.push('final stage has no HEALTHCHECK');
  for (const i of instructions.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')) {
    const names = i.args.split(/\s+/).map((pair) => pair.split('=')[0]!);
    for (const name of names)
      if (SECRET_NAME.test(name))
        findings.push(`line ${i.line}: ${i.keyword} ${name} looks like a secret (pass secrets at run time)`);
  }
  for (const i of instructions.filter((i) => i.keyword === 'ADD')) {
    if (/https?:\/\//.test(i.args)) findings.push(`line ${i.line}: ADD from a URL (unpinned, unchecked download)`);
  }
  for (const i of instructions.filter((i) => i.keyword === 'RUN' && /apt-get install/.test(i.args))) {
    if (!/rm -rf \/var\/lib\/apt\/lists/.test(i.args))
      findings.push(`line ${i.line}: apt-get install without removing /var/lib/apt/lists in the same RUN`);
    if (!/--no-install-recommends/.test(i.args))
      findings.push(`line ${i.line}: apt-get install without --no-install-recommends`);
  }
  const cmd = finalStage.filter((i) => i.keyword === 'CMD').at(-1);
  if (cmd === undefined || !cmd.args.startsWith('['))
    findings.push('final stage has no exec-form CMD (signals would go to a shell)');
  return findings;
}
