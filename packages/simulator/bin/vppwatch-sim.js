#!/usr/bin/env node
import { runSimulatorCli } from '../dist/cli.js';

process.exitCode = await runSimulatorCli(process.argv.slice(2));
