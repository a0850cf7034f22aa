declare module 'world-atlas/countries-50m.json' {
  const topology: unknown;
  export default topology;
}
declare module '*.css';
