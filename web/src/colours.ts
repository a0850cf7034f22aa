/** One colour per ACLED event type, distinguishable for common colour-vision deficiencies (Okabe–Ito). */
export const TYPE_COLOURS: Readonly<Record<string, string>> = {
  Battles: '#D55E00',
  'Explosions/Remote violence': '#0072B2',
  'Violence against civilians': '#CC79A7',
  Protests: '#009E73',
  Riots: '#E69F00',
  'Strategic developments': '#56B4E9',
};

export function colourOf(type: string): string {
  return TYPE_COLOURS[type] ?? '#666666';
}
