/** The one place that reads the process environment; everything else receives a Config. */
export function readEnvironment(): Readonly<Record<string, string | undefined>> {
  return { ...process.env };
}
