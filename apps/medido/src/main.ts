// Placeholder until the embedded default lands (issue: embedded default).
console.log('Medido: the embedded default is not built yet. See README.md for the local infrastructure and tests.');
