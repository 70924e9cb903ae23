#!/usr/bin/env node
/**
 * The `model-catalog` command (`dist/cli.js`, the package's `bin`). Its own entry point: nothing
 * here, nor picocolors, loads when a program imports the library.
 */
import { runCli } from './run-cli.js';
import { processTerminal } from './terminal.js';

process.exitCode = await runCli(process.argv.slice(2), processTerminal(process.env));
