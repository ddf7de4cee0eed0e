#!/usr/bin/env node
// Runs the TypeScript collector in this one process (tsx's loader), so the PID is the server's.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../collector/main.ts");
process.exitCode = await main(process.argv.slice(2));
