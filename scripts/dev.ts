// npm run dev — the same start-up as npm start, with Next.js in development mode.
process.argv.push("--dev");
await import("./start");

export {};
