export { runSimulatorCli } from './cli.js';
export type { CapacitySnapshot, ForeignCounts } from './faults/rate-limiter.js';
export { isScenarioName, SCENARIO_NAMES } from './faults/scenarios.js';
export type {
  CapacityStep,
  ChanceFault,
  EffectiveFaults,
  FaultConfig,
  FaultController,
  ForeignLoad,
  LegacyThrottleStyle,
  RateLimitFault,
  RetryAfterStyle,
  RunningForeignLoad,
  ScenarioName,
  ScheduledCapacityStep,
} from './faults/types.js';
export { RequestLog } from './log/request-log.js';
export type { FaultKind, RequestApi, RequestRecord, ThroughputWindow } from './log/types.js';
export type { SimulatorOptions } from './options.js';
export type { RemoteSimulator } from './process/start-process.js';
export { startSimulatorProcess } from './process/start-process.js';
export type { Script, ScriptedReply, ScriptedRequest, ScriptedServer } from './scripted/scripted-server.js';
export { startScriptedServer } from './scripted/scripted-server.js';
export { startSimulator } from './server.js';
export type { Simulator } from './simulator.js';
export type { AssignOutcome, Holder } from './state/assign.js';
export type { StateController } from './state/org-store.js';
export type { OrgSnapshot } from './state/snapshot.js';
export type { AssetSeed, PricingParam, ProductType, UserSeed, UserStatus } from './state/types.js';
export type { DecodedSToken, MakeSTokenOptions, STokenFields } from './token/s-token.js';
export { decodeSToken, makeSToken } from './token/s-token.js';
export { tokenHash } from './token/token-hash.js';
export type { Clock } from './util/clock.js';
