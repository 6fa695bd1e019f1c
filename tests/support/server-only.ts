// Stand-in for the `server-only` marker package under Vitest: the real one
// throws outside Next's react-server build, but tests call server modules directly.
export {};
