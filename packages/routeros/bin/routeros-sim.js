#!/usr/bin/env node
import '../src/sim/cli.ts';
