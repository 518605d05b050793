import { runSimulateCommand } from '../simulator/simulate-command.ts';
import type { Command } from './command.ts';

export const simulateCommand: Command = {
  summary: 'run the meter simulator against an ingestor (backfill, then live readings)',
  run: (args, io) => runSimulateCommand(args, io),
};
