/**
 * `npm run bench`: cold start, the SDK workload and where its CPU goes (parts left out, parts timed), raw
 * throughput, requests replayed back to back, policy evaluation and scale, each a median over repeated runs
 * with min and max, beside its floor measured in the same run
 * (these machines are shared and noisy: only ratios of figures measured together mean anything). Prints a
 * table and writes the same figures to bench-results/latest.json. `npm run bench -- --profile` also writes a
 * CPU profile of the emulator during the workload (bench-results/profiles/). `npm run bench -- --compare
 * <checkout>` measures only the workload's server CPU of this build against another checkout's build, in
 * paired runs (bench-results/compare.json).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { emulatorColdStartMs, nodeFloorMs } from './bench/cold-start';
import type { PairedVariant } from './bench/paired';
import { measurePaired } from './bench/paired';
import type { Evaluate } from './bench/policy';
import {
  benchUserPolicies,
  decisionsPerSecond,
  describeRequest,
  loadEvaluator,
  syntheticPolicy,
} from './bench/policy';
import type { PartTimes, TimedPart } from './bench/part-times';
import { isPartTimes } from './bench/part-times';
import { callgrindAvailable, countInstructions } from './bench/instructions';
import type { CpuTimes, ServerProcess, SpawnOptions } from './bench/processes';
import {
  bareExpressServer,
  bareHttpServer,
  distRoot,
  emulatorCli,
  floorServer,
  killAll,
  spawnServer,
} from './bench/processes';
import type { ReadLatencies } from './bench/scale';
import type { StoreLayout } from './bench/scale';
import { measureReads, readTemplate, signReads, storeLayouts, writeStateWithDomains } from './bench/scale';
import type { Credentials, SignedRequest } from './bench/signing';
import { benchDomainCreate, send, signRequest } from './bench/signing';
import type { Summary } from './bench/stats';
import { formatSummary, summarize } from './bench/stats';
import { measureThroughput } from './bench/throughput';
import type { WorkloadRun } from './bench/workload';
import { runWorkload, workloadClients, workloadRequestCount } from './bench/workload';

const repositoryRoot = path.resolve(distRoot, '..');
const seedFile = path.join(repositoryRoot, 'spec', 'fixtures', 'bench-iam-seed.json');
const resultsDir = path.join(repositoryRoot, 'bench-results');
const region = 'us-east-1';
const benchUser: Credentials = {
  accessKeyId: 'AKIABENCHUSER0000001',
  secretAccessKey: 'bench-user-secret-Hk27',
};
const benchRoot: Credentials = {
  accessKeyId: 'AKIABENCHROOT0000001',
  secretAccessKey: 'bench-root-secret-Zq81',
};
const defaultRoot: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

const benchUsage = `Usage: npm run bench [-- options]
  --quick              fewer repetitions, for trying the harness (not figures of record)
  --profile            also write a CPU profile of the emulator during the workload (bench-results/profiles/)
  --compare <checkout> only the workload's server CPU, this build against another checkout's, in paired runs
  --instructions       only the instructions each server executes per request of the workload, counted by
                       valgrind's callgrind (needs valgrind); with --compare, the other checkout's emulator too
  -h, --help           this text
`;

function benchFlags(): {
  profile?: boolean;
  quick?: boolean;
  compare?: string;
  instructions?: boolean;
  help?: boolean;
} {
  try {
    return parseArgs({
      options: {
        profile: { type: 'boolean' },
        quick: { type: 'boolean' },
        compare: { type: 'string' },
        instructions: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${benchUsage}`);
    process.exit(2);
  }
}

const flags = benchFlags();
if (flags.help) {
  process.stdout.write(benchUsage);
  process.exit(0);
}
/** --quick: fewer repetitions, for trying the harness; the figures of record use the defaults. */
const repetitions = flags.quick
  ? {
      coldStart: 3,
      workload: 2,
      breakdown: 2,
      timed: 1,
      compare: 3,
      instructions: 1,
      throughput: 1,
      throughputSeconds: 2,
      replayed: 1,
      replayedSeconds: 1,
      policy: 2,
      scale: 1,
      scaleRequests: 20,
    }
  : {
      coldStart: 7,
      workload: 7,
      breakdown: 7,
      timed: 5,
      compare: 9,
      instructions: 3,
      throughput: 3,
      throughputSeconds: 5,
      replayed: 3,
      replayedSeconds: 2,
      policy: 5,
      scale: 3,
      scaleRequests: 50,
    };

interface IamSetup {
  enforced: boolean;
  args: string[];
  credentials: Credentials;
  note: string;
}

let temporaryDir = '';
const temporaryState = (name: string) => path.join(temporaryDir, name);

/**
 * IAM is enforced with the bench user of spec/fixtures/bench-iam-seed.json when the server accepts the
 * seed, answers the bench user's signed ListDomainNames and refuses a wrong secret. Otherwise (IAM not
 * landed yet) the run uses the default root credentials, and says so.
 */
async function detectIam(): Promise<IamSetup> {
  const seeded = ['--iam-seed', seedFile, '--iam-mode', 'enforce', '--state', ':memory:'];
  let server: ServerProcess | undefined;
  try {
    server = await spawnServer(emulatorCli, { args: ['--host', '127.0.0.1', '--port', '0', ...seeded] });
    const allowed = await send(
      server.endpoint,
      await signRequest(server.endpoint, benchUser, region, { method: 'GET', path: '/2015-01-01/domain' }),
    );
    const wrongSecret = await send(
      server.endpoint,
      await signRequest(server.endpoint, { ...benchUser, secretAccessKey: 'wrong' }, region, {
        method: 'GET',
        path: '/2015-01-01/domain',
      }),
    );
    if (allowed.status === 200 && wrongSecret.status === 403) {
      return {
        enforced: true,
        args: ['--iam-seed', seedFile, '--iam-mode', 'enforce'],
        credentials: benchUser,
        note: 'IAM enforced: SigV4 verified, user "bench" of spec/fixtures/bench-iam-seed.json (15 statements with conditions)',
      };
    }
    return notEnforced(
      `the server answered the bench user ${allowed.status} and a wrong secret ${wrongSecret.status}`,
    );
  } catch (error) {
    return notEnforced(
      `the server did not start with the IAM seed (${(error as Error).message.split('\n')[0]})`,
    );
  } finally {
    await server?.stop();
  }
}

function notEnforced(reason: string): IamSetup {
  return {
    enforced: false,
    args: [],
    credentials: defaultRoot,
    note: `IAM NOT ENFORCED: ${reason}; the run uses the default root credentials (test/test)`,
  };
}

/**
 * Cold start as CI uses it (a fresh state file, the default root credentials, no seed), and with the bench's
 * IAM seed loaded, each beside `node -e ""` spawned in the same run, in alternation.
 */
async function coldStart(iam: IamSetup) {
  const plain: number[] = [];
  const seeded: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < repetitions.coldStart; run++) {
    floor.push(await nodeFloorMs());
    plain.push(
      await emulatorColdStartMs(['--state', temporaryState(`cold-${run}.sqlite`)], defaultRoot, region),
    );
    if (iam.enforced) {
      seeded.push(
        await emulatorColdStartMs(
          [...iam.args, '--state', temporaryState(`cold-seeded-${run}.sqlite`)],
          iam.credentials,
          region,
        ),
      );
    }
  }
  const emulatorMs = summarize(plain);
  const nodeFloor = summarize(floor);
  return {
    emulatorMs,
    emulatorWithIamSeedMs: summarize(seeded),
    nodeFloorMs: nodeFloor,
    ratio: emulatorMs.median / nodeFloor.median,
    ratioWithIamSeed: summarize(seeded).median / nodeFloor.median,
  };
}

interface WorkloadFigures {
  requestsPerSecond: Summary;
  p50Ms: Summary;
  p99Ms: Summary;
  cpuMicrosPerRequest: Summary;
  /** The part of it in the kernel (system time): what the system calls cost, against the work in user space. */
  systemMicrosPerRequest: Summary;
  failures: number;
  firstFailure?: string;
}

interface MeasuredRun {
  run: WorkloadRun;
  cpu: CpuTimes;
}

function workloadFigures(runs: MeasuredRun[]): WorkloadFigures {
  const failed = runs.find((entry) => entry.run.failures > 0);
  return {
    requestsPerSecond: summarize(runs.map((entry) => entry.run.requestsPerSecond)),
    p50Ms: summarize(runs.map((entry) => entry.run.p50Ms)),
    p99Ms: summarize(runs.map((entry) => entry.run.p99Ms)),
    cpuMicrosPerRequest: summarize(runs.map((entry) => entry.cpu.cpuMicros / entry.run.requests)),
    systemMicrosPerRequest: summarize(runs.map((entry) => entry.cpu.systemMicros / entry.run.requests)),
    failures: runs.reduce((sum, entry) => sum + entry.run.failures, 0),
    ...(failed?.run.firstFailure ? { firstFailure: failed.run.firstFailure } : {}),
  };
}

async function workload(iam: IamSetup) {
  const profileArgs = flags.profile
    ? [
        '--cpu-prof',
        '--cpu-prof-dir',
        path.join(resultsDir, 'profiles'),
        '--cpu-prof-name',
        'workload-emulator.cpuprofile',
      ]
    : [];
  const emulator = await spawnServer(emulatorCli, {
    args: ['--host', '127.0.0.1', '--port', '0', '--state', temporaryState('workload.sqlite'), ...iam.args],
    nodeFlags: profileArgs,
  });
  const bare = await spawnServer(bareHttpServer);
  const floor = await spawnServer(floorServer, {
    args: ['--state', temporaryState('floor.sqlite')],
    env: {
      FLOOR_ACCESS_KEY_ID: iam.credentials.accessKeyId,
      FLOOR_SECRET_ACCESS_KEY: iam.credentials.secretAccessKey,
    },
  });
  const servers = [
    { label: 'emulator', server: emulator, client: workloadClients(emulator.endpoint, iam.credentials) },
    { label: 'bare', server: bare, client: workloadClients(bare.endpoint, iam.credentials) },
    { label: 'floor', server: floor, client: workloadClients(floor.endpoint, iam.credentials) },
  ] as const;
  const runs = new Map<string, MeasuredRun[]>();
  try {
    // Warm-up, not counted: three passes on each server (the JIT settles after a few thousand requests).
    for (const { client } of servers) {
      for (const [pass, concurrency] of [1, 16, 16].entries()) {
        await runWorkload(client.clients, concurrency, `bench-w${pass}`);
      }
    }
    for (let repetition = 0; repetition < repetitions.workload; repetition++) {
      for (const concurrency of [1, 16]) {
        // Rotate which server goes first, so that none always follows another.
        const order = servers.map((_, step) => servers[(repetition + step) % servers.length]!);
        for (const { label, server, client } of order) {
          const before = await server.cpuTimes();
          const run = await runWorkload(client.clients, concurrency, `bench-r${repetition}c${concurrency}`);
          const after = await server.cpuTimes();
          const cpu = {
            cpuMicros: after.cpuMicros - before.cpuMicros,
            systemMicros: after.systemMicros - before.systemMicros,
          };
          const key = `${label}-${concurrency}`;
          runs.set(key, [...(runs.get(key) ?? []), { run, cpu }]);
        }
      }
    }
  } finally {
    for (const { client, server } of servers) {
      client.destroy();
      await server.stop();
    }
  }
  const byConcurrency = (concurrency: number) => {
    const emulatorFigures = workloadFigures(runs.get(`emulator-${concurrency}`) ?? []);
    const bareFigures = workloadFigures(runs.get(`bare-${concurrency}`) ?? []);
    const floorFigures = workloadFigures(runs.get(`floor-${concurrency}`) ?? []);
    const cpu = (figures: WorkloadFigures) => figures.cpuMicrosPerRequest.median;
    return {
      emulator: emulatorFigures,
      bareHttp: bareFigures,
      signedDurableFloor: floorFigures,
      cpuRatio: cpu(emulatorFigures) / cpu(bareFigures),
      /** Shown, not judged: what checking signatures and writing durably alone cost against the bare server. */
      floorCpuRatio: cpu(floorFigures) / cpu(bareFigures),
      /** Shown, not judged: the emulator's CPU per request against that floor's. */
      cpuRatioToFloor: cpu(emulatorFigures) / cpu(floorFigures),
    };
  };
  return {
    requestsPerRun: workloadRequestCount,
    concurrency1: byConcurrency(1),
    concurrency16: byConcurrency(16),
  };
}

const rootCallerLabel = 'the root of the account as caller';

/**
 * Where the workload's server CPU goes: the workload at concurrency 1 on emulators that each leave one part
 * of a request's work out, against one that does it all, in the same run.
 */
async function breakdown(iam: IamSetup) {
  if (!iam.enforced) return { available: false as const, note: 'needs IAM enforced with the bench seed' };
  const variants: PairedVariant[] = [
    {
      label: 'as in the workload',
      part: 'nothing',
      leavesOut: 'nothing: the bench user, IAM enforced, a decision line each, a state file',
      args: iam.args,
      credentials: iam.credentials,
    },
    {
      label: rootCallerLabel,
      part: "the user's IAM decision",
      leavesOut:
        "the bench user's IAM decision: context keys and 15 conditional statements (IAM does not evaluate the root)",
      args: iam.args,
      credentials: benchRoot,
    },
    {
      label: 'LOG_LEVEL=warn',
      part: 'the decision lines',
      leavesOut: 'the decision line of each request',
      args: iam.args,
      env: { LOG_LEVEL: 'warn' },
      credentials: iam.credentials,
    },
    {
      label: 'STATE_PATH=:memory:',
      part: 'the state file',
      leavesOut: 'the state file: SQLite in memory, nothing written to disk',
      args: iam.args,
      statePath: ':memory:',
      credentials: iam.credentials,
    },
    {
      label: 'IAM_MODE=off',
      part: 'SigV4, IAM and the decision lines',
      leavesOut: 'SigV4, the IAM decision and the decision line',
      args: ['--iam-seed', seedFile, '--iam-mode', 'off'],
      credentials: iam.credentials,
    },
  ];
  return {
    available: true as const,
    variants: await measurePaired(variants, repetitions.breakdown, temporaryState),
  };
}

const partTimer = path.join(distRoot, 'scripts', 'bench', 'part-timer.js');

/** What the timed run shows: each a sum of timed functions (scripts/bench/part-timer). */
const timedParts: { label: string; parts: TimedPart[]; less?: TimedPart[] }[] = [
  // The target's figure: the evaluator and the request context it reads, built per call.
  {
    label: 'policy evaluation (the evaluator and its request context)',
    parts: ['evaluate', 'requestContext'],
  },
  { label: "the domain's tags read for aws:ResourceTag", parts: ['tagRead'] },
  { label: 'the decision line', parts: ['decisionLine'] },
  {
    label: 'the IAM decision, whole (tags read, context, evaluation, decision line)',
    parts: ['authorize', 'tagRead'],
  },
  { label: 'SigV4', parts: ['sigv4'] },
  // The rest of the request where the emulator's own work runs (shown: the parts above are inside none of these
  // but the IAM decision, which is inside the transaction's body).
  { label: 'the operation handlers (state read and written, the answer built)', parts: ['handlers'] },
  { label: "the transaction's begin and commit", parts: ['transaction'], less: ['transactionBody'] },
  { label: 'the answer serialised and written to the socket', parts: ['answer'] },
];

async function askPartTimes(server: ServerProcess): Promise<PartTimes['parts']> {
  return (await server.ask('parts', isPartTimes)).parts;
}

/**
 * The workload (the bench user, concurrency 1 and 16) on an emulator whose evaluator, tag read, decision
 * line and signature check are timed from outside (scripts/bench/part-timer, preloaded): each part's time
 * against the server's CPU time over the same passes. Where the server runs it, with the rest of the
 * server around it, a part costs several times what it costs in a loop of its own, so its share is judged
 * here. (A sampling profiler is no judge of it: it samples wall time, and the emulator, preempted by the
 * client after about one answer in five, is counted busy while it waits.)
 */
async function timedWorkload(iam: IamSetup) {
  if (!iam.enforced) return { available: false as const, note: 'needs IAM enforced with the bench seed' };
  const emulator = await spawnServer(emulatorCli, {
    args: ['--host', '127.0.0.1', '--port', '0', '--state', temporaryState('timed.sqlite'), ...iam.args],
    nodeFlags: ['--require', partTimer],
  });
  const client = workloadClients(emulator.endpoint, iam.credentials);
  const shares: Record<string, number[]> = {};
  let requests = 0;
  try {
    for (const [pass, concurrency] of [1, 16, 16].entries()) {
      await runWorkload(client.clients, concurrency, `bench-w${pass}`);
    }
    for (let repetition = 0; repetition < repetitions.timed; repetition++) {
      for (const concurrency of [1, 16]) {
        const cpuBefore = await emulator.cpuMicros();
        const before = await askPartTimes(emulator);
        const run = await runWorkload(client.clients, concurrency, `bench-t${repetition}c${concurrency}`);
        const after = await askPartTimes(emulator);
        const cpuMicros = (await emulator.cpuMicros()) - cpuBefore;
        if (run.failures > 0) throw new Error(`the timed workload failed: ${run.firstFailure ?? ''}`);
        requests += run.requests;
        for (const { label, parts, less = [] } of timedParts) {
          const spent = (part: TimedPart) => after[part].micros - before[part].micros;
          const micros =
            parts.reduce((sum, part) => sum + spent(part), 0) -
            less.reduce((sum, part) => sum + spent(part), 0);
          (shares[label] ??= []).push(micros / cpuMicros);
        }
      }
    }
  } finally {
    client.destroy();
    await emulator.stop();
  }
  const summaries: Record<string, Summary> = {};
  for (const [label, values] of Object.entries(shares)) summaries[label] = summarize(values);
  return { available: true as const, requests, shares: summaries };
}

/** The share of the server's CPU that policy evaluation takes in the workload, from the timed run. */
function evaluationShare(timed: Awaited<ReturnType<typeof timedWorkload>> | { error: string }): number {
  if (failed(timed) || !timed.available) return Number.NaN;
  return timed.shares[timedParts[0]!.label]?.median ?? Number.NaN;
}

/** The share of the workload's CPU per request that the bench user's IAM decision costs, from the breakdown. */
function decisionShare(costs: Awaited<ReturnType<typeof breakdown>> | { error: string }): number {
  if (failed(costs) || !costs.available) return Number.NaN;
  return costs.variants.find((variant) => variant.label === rootCallerLabel)?.shareOfBaseline ?? Number.NaN;
}

/**
 * This build against the build of another checkout (its `dist/`, with its own node_modules or a link to
 * these): the workload at concurrency 1 on each in turn, paired per repetition.
 */
/** The emulator's entry point in another checkout (`--compare`), which must have been installed and built. */
function builtCliOf(checkout: string): string {
  const cli = path.resolve(checkout, 'dist', 'server', 'cli.js');
  if (!fs.existsSync(cli)) {
    throw new Error(`${cli} does not exist: run npm install and npm run build in ${checkout} first`);
  }
  return cli;
}

async function compareBuilds(iam: IamSetup, checkout: string) {
  const otherCli = builtCliOf(checkout);
  const [current, other] = await measurePaired(
    [
      {
        label: repositoryRoot,
        part: 'this build',
        leavesOut: 'nothing: the build being measured',
        args: iam.args,
        credentials: iam.credentials,
      },
      {
        label: path.resolve(checkout),
        part: 'the other build',
        leavesOut: "this build: it runs the other checkout's",
        cli: otherCli,
        args: iam.args,
        credentials: iam.credentials,
      },
    ],
    repetitions.compare,
    temporaryState,
  );
  return { thisBuild: current!, otherBuild: other! };
}

/** One request replayed by autocannon, with the server's own CPU time per request answered in the run. */
async function replayWithCpu(
  server: ServerProcess,
  request: SignedRequest,
  connections: number,
  seconds: number,
) {
  const before = await server.cpuMicros();
  const run = await measureThroughput(server.endpoint, request, connections, seconds);
  return { ...run, cpuMicrosPerRequest: ((await server.cpuMicros()) - before) / Math.max(run.requests, 1) };
}

async function throughput(iam: IamSetup) {
  const emulator = await spawnServer(emulatorCli, {
    args: ['--host', '127.0.0.1', '--port', '0', '--state', temporaryState('throughput.sqlite'), ...iam.args],
  });
  const express = await spawnServer(bareExpressServer);
  const emulatorRuns: number[] = [];
  const expressRuns: number[] = [];
  const emulatorCpu: number[] = [];
  const expressCpu: number[] = [];
  let emulatorNon2xx = 0;
  try {
    const emulatorRequest = await signRequest(emulator.endpoint, iam.credentials, region, {
      method: 'GET',
      path: '/2015-01-01/domain',
    });
    const expressRequest = {
      ...emulatorRequest,
      headers: { ...emulatorRequest.headers, host: new URL(express.endpoint).host },
    };
    await measureThroughput(emulator.endpoint, emulatorRequest, 16, 1);
    await measureThroughput(express.endpoint, expressRequest, 16, 1);
    for (let repetition = 0; repetition < repetitions.throughput; repetition++) {
      const first = repetition % 2 === 0;
      const runEmulator = async () => {
        const run = await replayWithCpu(emulator, emulatorRequest, 16, repetitions.throughputSeconds);
        emulatorCpu.push(run.cpuMicrosPerRequest);
        emulatorNon2xx += run.non2xx + run.errors;
        emulatorRuns.push(run.requestsPerSecond);
      };
      const runExpress = async () => {
        const run = await replayWithCpu(express, expressRequest, 16, repetitions.throughputSeconds);
        expressCpu.push(run.cpuMicrosPerRequest);
        expressRuns.push(run.requestsPerSecond);
      };
      if (first) {
        await runEmulator();
        await runExpress();
      } else {
        await runExpress();
        await runEmulator();
      }
    }
  } finally {
    await emulator.stop();
    await express.stop();
  }
  const emulatorRps = summarize(emulatorRuns);
  const expressRps = summarize(expressRuns);
  return {
    emulatorRps,
    bareExpressRps: expressRps,
    ratio: emulatorRps.median / expressRps.median,
    // Shown, not judged: with many requests per wake-up, the CPU each one costs.
    emulatorCpuMicrosPerRequest: summarize(emulatorCpu),
    bareExpressCpuMicrosPerRequest: summarize(expressCpu),
    emulatorNon2xx,
  };
}

/**
 * The workload's CPU ratio holds the work of a request and the conditions it runs in: a heavy client (the SDK)
 * on the same cores, one request per wake-up, a durable write in three requests of four. Single requests
 * replayed back to back by a light client (autocannon) over one connection show the work with less of those
 * conditions: the server's CPU per request for a signed ListDomainNames and a signed DescribeElasticsearchDomain,
 * beside the bare http server answering `{}`. Shown, not judged.
 */
async function replayed(iam: IamSetup) {
  const emulator = await spawnServer(emulatorCli, {
    args: ['--host', '127.0.0.1', '--port', '0', '--state', temporaryState('replayed.sqlite'), ...iam.args],
  });
  const bare = await spawnServer(bareHttpServer);
  try {
    const sign = (request: { method: string; path: string; body?: string }) =>
      signRequest(emulator.endpoint, iam.credentials, region, request);
    const created = await send(emulator.endpoint, await sign(benchDomainCreate('bench-replayed')));
    if (created.status !== 200)
      throw new Error(`the replayed domain was answered ${created.status}: ${created.body}`);
    const list = await sign({ method: 'GET', path: '/2015-01-01/domain' });
    const targets = [
      { label: 'emulator, signed ListDomainNames', server: emulator, request: list },
      {
        label: 'emulator, signed DescribeElasticsearchDomain',
        server: emulator,
        request: await sign({ method: 'GET', path: '/2015-01-01/es/domain/bench-replayed' }),
      },
      {
        label: 'bare http {}',
        server: bare,
        request: { ...list, headers: { ...list.headers, host: new URL(bare.endpoint).host } },
      },
    ];
    for (const { server, request } of targets) await measureThroughput(server.endpoint, request, 1, 1);
    const cpu = targets.map(() => [] as number[]);
    let emulatorNon2xx = 0;
    for (let repetition = 0; repetition < repetitions.replayed; repetition++) {
      // A rotating order, as the breakdown's, so that no one server always runs first.
      for (let turn = 0; turn < targets.length; turn++) {
        const index = (turn + repetition) % targets.length;
        const { server, request } = targets[index]!;
        const run = await replayWithCpu(server, request, 1, repetitions.replayedSeconds);
        cpu[index]!.push(run.cpuMicrosPerRequest);
        if (server === emulator) emulatorNon2xx += run.non2xx + run.errors;
      }
    }
    const bareCpu = summarize(cpu[targets.length - 1]!);
    return {
      servers: targets.map(({ label }, index) => {
        const summary = summarize(cpu[index]!);
        return { label, cpuMicrosPerRequest: summary, ratioToBare: summary.median / bareCpu.median };
      }),
      emulatorNon2xx,
    };
  } finally {
    await emulator.stop();
    await bare.stop();
  }
}

function policyEvaluation(evaluate: Evaluate | undefined, serverCpuMicrosPerRequest: number) {
  if (!evaluate) return { available: false as const, note: 'server/iam/evaluator has not landed yet' };
  const bySize: Record<string, Summary> = {};
  for (const size of [1, 10, 100]) {
    const request = describeRequest([syntheticPolicy(size)]);
    bySize[`statements${size}`] = summarize(
      Array.from({ length: repetitions.policy }, () => decisionsPerSecond(evaluate, request, 300)),
    );
  }
  const benchUser = summarize(
    Array.from({ length: repetitions.policy }, () =>
      decisionsPerSecond(evaluate, describeRequest(benchUserPolicies(seedFile)), 300),
    ),
  );
  const microsPerDecision = 1e6 / benchUser.median;
  return {
    available: true as const,
    decisionsPerSecond: bySize,
    benchUserDecisionsPerSecond: benchUser,
    benchUserMicrosPerDecision: microsPerDecision,
    shareOfServerCpuPerRequest: microsPerDecision / serverCpuMicrosPerRequest,
  };
}

async function scale(iam: IamSetup) {
  // A template domain, created through the API so that its stored document is the real one.
  const templateState = temporaryState('scale-template.sqlite');
  const templateServer = await spawnServer(emulatorCli, {
    args: ['--host', '127.0.0.1', '--port', '0', '--state', templateState, ...iam.args],
  });
  try {
    const created = await send(
      templateServer.endpoint,
      await signRequest(
        templateServer.endpoint,
        iam.credentials,
        region,
        benchDomainCreate('bench-template'),
      ),
    );
    if (created.status !== 200)
      throw new Error(`the template domain was answered ${created.status}: ${created.body}`);
  } finally {
    await templateServer.stop();
  }
  const template = readTemplate(templateState, 'bench-template');
  const stateOf = (layout: StoreLayout) => temporaryState(`scale-${layout.key}.sqlite`);
  for (const layout of storeLayouts) writeStateWithDomains(stateOf(layout), template, layout);

  const servers = new Map<StoreLayout, ServerProcess>();
  const latencies = new Map<StoreLayout, ReadLatencies[]>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (const layout of storeLayouts) {
      servers.set(
        layout,
        await spawnServer(emulatorCli, {
          args: ['--host', '127.0.0.1', '--port', '0', '--state', stateOf(layout), ...iam.args],
        }),
      );
    }
    const reads = new Map<StoreLayout, Awaited<ReturnType<typeof signReads>>>();
    for (const layout of storeLayouts) {
      const server = servers.get(layout)!;
      reads.set(layout, await signReads(server, iam.credentials, region, layout.callerDomains));
      await measureReads(server, reads.get(layout)!, 10, agent);
    }
    for (let repetition = 0; repetition < repetitions.scale; repetition++) {
      const order = repetition % 2 === 0 ? storeLayouts : [...storeLayouts].reverse();
      for (const layout of order) {
        const measured = await measureReads(
          servers.get(layout)!,
          reads.get(layout)!,
          repetitions.scaleRequests,
          agent,
        );
        if (measured.listedNames !== layout.callerDomains)
          throw new Error(`ListDomainNames listed ${measured.listedNames} of ${layout.callerDomains}`);
        latencies.set(layout, [...(latencies.get(layout) ?? []), measured]);
      }
    }
    const figures = (key: StoreLayout['key']) => {
      const layout = storeLayouts.find((candidate) => candidate.key === key)!;
      return {
        domains: layout.total,
        callerDomains: layout.callerDomains,
        listDomainNamesMs: summarize(latencies.get(layout)!.map((entry) => entry.listMs)),
        describeFiveDomainsMs: summarize(latencies.get(layout)!.map((entry) => entry.describeFiveMs)),
        residentMegabytes: servers.get(layout)!.residentBytes() / (1024 * 1024),
      };
    };
    const small = figures('small');
    const large = figures('large');
    const overQuota = figures('overQuota');
    return {
      small,
      large,
      overQuota,
      /** 10,000 domains with 100 in the caller's Region (AWS's quota) against 10: the figure of the target. */
      listRatio: large.listDomainNamesMs.median / small.listDomainNamesMs.median,
      describeRatio: large.describeFiveDomainsMs.median / small.describeFiveDomainsMs.median,
      /** 10,000 domains all in the caller's Region, past AWS's quota: shown, not a target. */
      overQuotaListRatio: overQuota.listDomainNamesMs.median / small.listDomainNamesMs.median,
      overQuotaDescribeRatio: overQuota.describeFiveDomainsMs.median / small.describeFiveDomainsMs.median,
      residentMegabytes: Math.max(large.residentMegabytes, overQuota.residentMegabytes),
    };
  } finally {
    agent.destroy();
    for (const server of servers.values()) await server.stop();
  }
}

interface Target {
  target: string;
  limit: string;
  measured: string;
  met: boolean | null;
}

function target(
  name: string,
  limit: string,
  value: number,
  ok: (value: number) => boolean,
  unit = '×',
): Target {
  const valid = Number.isFinite(value);
  return {
    target: name,
    limit,
    measured: valid ? `${value.toFixed(2)}${unit}` : 'n/a',
    met: valid ? ok(value) : null,
  };
}

async function section<T>(name: string, run: () => Promise<T> | T): Promise<T | { error: string }> {
  const start = Date.now();
  process.stderr.write(`bench: ${name}...`);
  try {
    const result = await run();
    process.stderr.write(` ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
    return result;
  } catch (error) {
    process.stderr.write(` failed: ${(error as Error).message}\n`);
    return { error: (error as Error).message };
  }
}

function failed(value: unknown): value is { error: string } {
  return typeof value === 'object' && value !== null && 'error' in value;
}

interface CountedServer {
  label: string;
  mainThread: Summary;
  otherThreads: Summary;
  /** The main thread's median against the bare server's. */
  ratioToBare: number;
}

/**
 * `--instructions`: the instructions per request of the bare http server, the signed durable floor and the
 * emulator (and, with `--compare`, another checkout's emulator), each counted `repetitions.instructions` times
 * over two passes of the workload at concurrency 1 after three passes to warm up.
 */
async function instructionCounts(iam: IamSetup, otherCheckout: string | undefined) {
  if (!callgrindAvailable())
    throw new Error('--instructions needs valgrind and callgrind_control on the PATH');
  /** Each server with the arguments of one run: its own state file, named after the run. */
  const emulatorArgs = (run: string) => [
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--state',
    temporaryState(`${run}.sqlite`),
    ...iam.args,
  ];
  const targets: {
    label: string;
    script: string;
    argsFor: (run: string) => string[];
    env?: SpawnOptions['env'];
  }[] = [
    { label: 'bare http server', script: bareHttpServer, argsFor: () => [] },
    {
      label: 'signed durable floor',
      script: floorServer,
      argsFor: (run) => ['--state', temporaryState(`${run}.sqlite`)],
      env: {
        FLOOR_ACCESS_KEY_ID: iam.credentials.accessKeyId,
        FLOOR_SECRET_ACCESS_KEY: iam.credentials.secretAccessKey,
      },
    },
    { label: 'emulator (this build)', script: emulatorCli, argsFor: emulatorArgs },
  ];
  if (otherCheckout !== undefined) {
    const otherCli = builtCliOf(otherCheckout);
    targets.push({
      label: `emulator (${path.resolve(otherCheckout)})`,
      script: otherCli,
      argsFor: emulatorArgs,
    });
  }
  const counted: { label: string; main: number[]; others: number[] }[] = [];
  for (const [index, target] of targets.entries()) {
    const main: number[] = [];
    const others: number[] = [];
    for (let run = 0; run < repetitions.instructions; run++) {
      const name = `counted-${index}-${run}`;
      const count = await countInstructions(target.script, {
        args: target.argsFor(name),
        ...(target.env ? { env: target.env } : {}),
        credentials: iam.credentials,
        warmUpPasses: 3,
        passes: 2,
        outputDir: temporaryState(name),
        namePrefix: `bench-${name}`,
      });
      main.push(count.mainThread);
      others.push(count.otherThreads);
    }
    counted.push({ label: target.label, main, others });
  }
  const bareMedian = summarize(counted[0]!.main).median;
  const servers: CountedServer[] = counted.map(({ label, main, others }) => ({
    label,
    mainThread: summarize(main),
    otherThreads: summarize(others),
    ratioToBare: summarize(main).median / bareMedian,
  }));
  return { workload: 'concurrency 1, 2 passes counted after 3 to warm up', servers };
}

function renderInstructionCounts({
  workload,
  servers,
}: Awaited<ReturnType<typeof instructionCounts>>): string {
  const thousands = (summary: Summary) =>
    `${(summary.median / 1000).toFixed(1)}k (${(summary.min / 1000).toFixed(1)}k–${(summary.max / 1000).toFixed(1)}k)`;
  return [
    `instructions per request (callgrind, user space), workload at ${workload}`,
    ...servers.map(
      (server) =>
        `${server.label}: main thread ${thousands(server.mainThread)}, ${server.ratioToBare.toFixed(2)}× the bare ` +
        `server's; other threads ${thousands(server.otherThreads)}`,
    ),
    `written to ${path.relative(process.cwd(), path.join(resultsDir, 'instructions.json'))}`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  temporaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-local-bench-'));
  const started = Date.now();
  const loadBefore = os.loadavg()[0]!;
  try {
    const iam = await detectIam();
    process.stderr.write(`bench: ${iam.note}\n`);
    if (flags.instructions) {
      const counts = await instructionCounts(iam, flags.compare);
      fs.mkdirSync(resultsDir, { recursive: true });
      fs.writeFileSync(path.join(resultsDir, 'instructions.json'), `${JSON.stringify(counts, null, 2)}\n`);
      process.stdout.write(renderInstructionCounts(counts));
      return;
    }
    if (flags.compare !== undefined) {
      const comparison = await compareBuilds(iam, flags.compare);
      fs.mkdirSync(resultsDir, { recursive: true });
      fs.writeFileSync(path.join(resultsDir, 'compare.json'), `${JSON.stringify(comparison, null, 2)}\n`);
      process.stdout.write(renderComparison(comparison));
      return;
    }
    const cold = await section('cold start', () => coldStart(iam));
    const work = await section('workload', () => workload(iam));
    const costs = await section('where the workload CPU goes', () => breakdown(iam));
    const timed = await section('the workload with its parts timed', () => timedWorkload(iam));
    const raw = await section('raw throughput', () => throughput(iam));
    const replay = await section('requests replayed back to back', () => replayed(iam));
    const serverCpu = failed(work) ? Number.NaN : work.concurrency1.emulator.cpuMicrosPerRequest.median;
    const policy = await section('policy evaluation', () => policyEvaluation(loadEvaluator(), serverCpu));
    const scaled = await section('scale', () => scale(iam));

    const targets: Target[] = [
      target('cold start ≤ 2× node -e ""', '≤ 2×', failed(cold) ? Number.NaN : cold.ratio, (v) => v <= 2),
      target(
        'server CPU/request ≤ 2× bare http (concurrency 1)',
        '≤ 2×',
        failed(work) ? Number.NaN : work.concurrency1.cpuRatio,
        (v) => v <= 2,
      ),
      target(
        'server CPU/request ≤ 2× bare http (concurrency 16)',
        '≤ 2×',
        failed(work) ? Number.NaN : work.concurrency16.cpuRatio,
        (v) => v <= 2,
      ),
      target(
        'signed ListDomainNames ≥ 0.5× bare Express req/s',
        '≥ 0.5×',
        failed(raw) ? Number.NaN : raw.ratio,
        (v) => v >= 0.5,
      ),
      // Judged in the workload, timed where the server runs it: in process the same evaluation looks several
      // times cheaper, with its code and data hot in the CPU's caches.
      target(
        'policy evaluation ≤ 5% of server CPU/request (timed in the workload)',
        '≤ 5%',
        evaluationShare(timed) * 100,
        (v) => v <= 5,
        '%',
      ),
      target(
        'ListDomainNames, 10,000 domains (100 in the Region) vs 10 ≤ 2×',
        '≤ 2×',
        failed(scaled) ? Number.NaN : scaled.listRatio,
        (v) => v <= 2,
      ),
      target(
        'DescribeElasticsearchDomains (5), 10,000 vs 10 ≤ 2×',
        '≤ 2×',
        failed(scaled) ? Number.NaN : scaled.describeRatio,
        (v) => v <= 2,
      ),
      target(
        'resident memory with 10,000 domains < 150 MB',
        '< 150 MB',
        failed(scaled) ? Number.NaN : scaled.residentMegabytes,
        (v) => v < 150,
        ' MB',
      ),
    ];
    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? 'unknown',
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadAverage: { before: loadBefore, after: os.loadavg()[0]! },
      },
      iam,
      coldStart: cold,
      workload: work,
      breakdown: costs,
      timed,
      throughput: raw,
      replayed: replay,
      policyEvaluation: policy,
      scale: scaled,
      targets,
      totalSeconds: (Date.now() - started) / 1000,
    };
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(renderTable(results));
    process.stdout.write(
      `\nwritten to ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))}\n`,
    );
  } finally {
    killAll();
    fs.rmSync(temporaryDir, { recursive: true, force: true });
  }
}

type Results = {
  machine: { cpus: number; model: string; node: string; loadAverage: { before: number; after: number } };
  iam: IamSetup;
  coldStart: Awaited<ReturnType<typeof coldStart>> | { error: string };
  workload: Awaited<ReturnType<typeof workload>> | { error: string };
  breakdown: Awaited<ReturnType<typeof breakdown>> | { error: string };
  timed: Awaited<ReturnType<typeof timedWorkload>> | { error: string };
  throughput: Awaited<ReturnType<typeof throughput>> | { error: string };
  replayed: Awaited<ReturnType<typeof replayed>> | { error: string };
  policyEvaluation: ReturnType<typeof policyEvaluation> | { error: string };
  scale: Awaited<ReturnType<typeof scale>> | { error: string };
  targets: Target[];
  totalSeconds: number;
};

function renderComparison({ thisBuild, otherBuild }: Awaited<ReturnType<typeof compareBuilds>>): string {
  return [
    'workload at concurrency 1, server CPU/request, paired runs',
    `this build (${thisBuild.label}): ${formatSummary(thisBuild.cpuMicrosPerRequest, 0, ' µs')}`,
    `the other build (${otherBuild.label}): ${formatSummary(otherBuild.cpuMicrosPerRequest, 0, ' µs')}`,
    `the other build / this build, median of the paired ratios: ${otherBuild.ratioToBaseline.toFixed(3)}×`,
    `written to ${path.relative(process.cwd(), path.join(resultsDir, 'compare.json'))}`,
    '',
  ].join('\n');
}

/** The figures as a plain table: median (min–max) over the runs. */
function renderTable(results: Results): string {
  const rows: [string, string][] = [];
  const add = (label: string, value: string) => rows.push([label, value]);
  const section = (title: string) => rows.push([`— ${title}`, '']);
  section(
    `machine: ${results.machine.cpus} cores, ${results.machine.model}, node ${results.machine.node}, ` +
      `load average ${results.machine.loadAverage.before.toFixed(1)} before, ${results.machine.loadAverage.after.toFixed(1)} after`,
  );
  add('IAM', results.iam.note);
  section('cold start: spawn → first signed ListDomainNames answered (ms)');
  if (failed(results.coldStart)) add('error', results.coldStart.error);
  else {
    add('emulator, fresh state, default credentials', formatSummary(results.coldStart.emulatorMs, 0, ' ms'));
    add('emulator, with the IAM seed', formatSummary(results.coldStart.emulatorWithIamSeedMs, 0, ' ms'));
    add('node -e ""', formatSummary(results.coldStart.nodeFloorMs, 0, ' ms'));
    add(
      'ratio (default / with seed)',
      `${results.coldStart.ratio.toFixed(2)}× / ${results.coldStart.ratioWithIamSeed.toFixed(2)}×`,
    );
  }
  section(
    `workload: 200 domains in 2 regions through the JS v3 SDK (${workloadRequestCount} requests a run)`,
  );
  if (failed(results.workload)) add('error', results.workload.error);
  else {
    for (const [label, figures] of [
      ['concurrency 1', results.workload.concurrency1],
      ['concurrency 16', results.workload.concurrency16],
    ] as const) {
      for (const [server, f] of [
        ['emulator', figures.emulator],
        ['bare http {}', figures.bareHttp],
        ['signed durable floor', figures.signedDurableFloor],
      ] as const) {
        add(`${label}, ${server}: req/s`, formatSummary(f.requestsPerSecond, 0));
        add(
          `${label}, ${server}: p50 / p99`,
          `${formatSummary(f.p50Ms, 2, ' ms')} / ${formatSummary(f.p99Ms, 2, ' ms')}`,
        );
        add(`${label}, ${server}: server CPU/request`, formatSummary(f.cpuMicrosPerRequest, 0, ' µs'));
        add(
          `${label}, ${server}: of it system time (shown)`,
          formatSummary(f.systemMicrosPerRequest, 0, ' µs'),
        );
        if (f.failures > 0)
          add(`${label}, ${server}: FAILED requests`, `${f.failures} (${f.firstFailure ?? ''})`);
      }
      add(`${label}: CPU ratio emulator / bare`, `${figures.cpuRatio.toFixed(2)}×`);
      add(`${label}: CPU ratio floor / bare (shown)`, `${figures.floorCpuRatio.toFixed(2)}×`);
      add(`${label}: CPU ratio emulator / floor (shown)`, `${figures.cpuRatioToFloor.toFixed(2)}×`);
    }
  }
  section('where the workload CPU goes: concurrency 1, each emulator leaving one part out, paired runs');
  if (failed(results.breakdown)) add('error', results.breakdown.error);
  else if (!results.breakdown.available) add('n/a', results.breakdown.note);
  else {
    for (const variant of results.breakdown.variants) {
      add(`${variant.label}: server CPU/request`, formatSummary(variant.cpuMicrosPerRequest, 0, ' µs'));
    }
    for (const variant of results.breakdown.variants.slice(1)) {
      add(
        `cost of ${variant.part}`,
        `${(variant.shareOfBaseline * 100).toFixed(1)}% (${variant.ratioToBaseline.toFixed(3)}× without it)`,
      );
    }
  }
  section("the workload with its parts timed: each part's time against the server's CPU time");
  if (failed(results.timed)) add('error', results.timed.error);
  else if (!results.timed.available) add('n/a', results.timed.note);
  else {
    add('requests timed', String(results.timed.requests));
    for (const [label, share] of Object.entries(results.timed.shares)) {
      const percent = { ...share, median: share.median * 100, min: share.min * 100, max: share.max * 100 };
      add(label, formatSummary(percent, 1, '%'));
    }
  }
  section('raw throughput: signed ListDomainNames, autocannon, 16 connections');
  if (failed(results.throughput)) add('error', results.throughput.error);
  else {
    add('emulator req/s', formatSummary(results.throughput.emulatorRps, 0));
    add('bare Express {} req/s', formatSummary(results.throughput.bareExpressRps, 0));
    add('ratio', `${results.throughput.ratio.toFixed(2)}×`);
    add(
      'server CPU/request, emulator / bare Express (shown, not judged)',
      `${formatSummary(results.throughput.emulatorCpuMicrosPerRequest, 0, ' µs')} / ` +
        formatSummary(results.throughput.bareExpressCpuMicrosPerRequest, 0, ' µs'),
    );
    if (results.throughput.emulatorNon2xx > 0)
      add('emulator non-2xx or errors', String(results.throughput.emulatorNon2xx));
  }
  section('requests replayed back to back: server CPU/request, autocannon, 1 connection (shown, not judged)');
  if (failed(results.replayed)) add('error', results.replayed.error);
  else {
    for (const { label, cpuMicrosPerRequest, ratioToBare } of results.replayed.servers) {
      add(label, `${formatSummary(cpuMicrosPerRequest, 0, ' µs')}, ${ratioToBare.toFixed(2)}× bare`);
    }
    if (results.replayed.emulatorNon2xx > 0)
      add('emulator non-2xx or errors', String(results.replayed.emulatorNon2xx));
  }
  section('policy evaluation, in process (decisions/s)');
  if (failed(results.policyEvaluation)) add('error', results.policyEvaluation.error);
  else if (!results.policyEvaluation.available) add('n/a', results.policyEvaluation.note);
  else {
    for (const [key, summary] of Object.entries(results.policyEvaluation.decisionsPerSecond)) {
      add(`${key.replace('statements', '')} statements`, formatSummary(summary, 0));
    }
    add('bench user (15 statements)', formatSummary(results.policyEvaluation.benchUserDecisionsPerSecond, 0));
    add(
      'share of server CPU/request, at its in-process cost',
      `${(results.policyEvaluation.shareOfServerCpuPerRequest * 100).toFixed(2)}%`,
    );
    add(
      'share of server CPU/request, timed in the workload',
      `${(evaluationShare(results.timed) * 100).toFixed(1)}%`,
    );
    add(
      "share of server CPU/request, the user's whole IAM decision (breakdown)",
      `${(decisionShare(results.breakdown) * 100).toFixed(1)}%`,
    );
  }
  section('scale: read latency (ms) and resident memory');
  if (failed(results.scale)) add('error', results.scale.error);
  else {
    const { small, large, overQuota } = results.scale;
    for (const [f, label] of [
      [small, '10 domains'],
      [large, "10,000 domains, 100 in the caller's Region"],
      [overQuota, "10,000 domains, all in the caller's Region (past the quota)"],
    ] as const) {
      add(`${label}: ListDomainNames`, formatSummary(f.listDomainNamesMs, 2, ' ms'));
      add(`${label}: DescribeElasticsearchDomains (5)`, formatSummary(f.describeFiveDomainsMs, 2, ' ms'));
      add(`${label}: resident memory`, `${f.residentMegabytes.toFixed(1)} MB`);
    }
    add('past the quota: ListDomainNames vs 10 domains', `${results.scale.overQuotaListRatio.toFixed(2)}×`);
    add(
      'past the quota: DescribeElasticsearchDomains (5) vs 10 domains',
      `${results.scale.overQuotaDescribeRatio.toFixed(2)}×`,
    );
  }
  section('targets (issue 5)');
  for (const t of results.targets) {
    add(t.target, `${t.met === null ? 'n/a' : t.met ? 'MET' : 'MISSED'}: ${t.measured}`);
  }
  add('total run time', `${results.totalSeconds.toFixed(0)} s`);
  const width = Math.max(...rows.map(([label]) => label.length));
  return `${rows.map(([label, value]) => (value ? `${label.padEnd(width)}  ${value}` : `\n${label}`)).join('\n')}\n`;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}
main().catch((error: unknown) => {
  killAll();
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
