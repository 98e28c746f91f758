// The model keeps boto3 calls it does not run as unknown values that carry the call and its
// arguments (for DJS210), through what settings do with a client; other unknown calls carry none.
import { describe, expect, it } from 'vitest';
import type { Value } from '../src/model/values.js';
import { evaluateModule, summarize } from './support/model.js';

const PRELUDE = `import boto3
from boto3.session import Session
`;

async function valueOf(expr: string): Promise<Value | undefined> {
  return (await evaluateModule(`${PRELUDE}X = ${expr}\n`)).ns.get('X');
}

function callOf(v: Value | undefined) {
  return v?.kind === 'unknown' ? v.call : undefined;
}

describe('library calls (boto3)', () => {
  it('keeps the callee, arguments and origin of a boto3 call, as an unknown value', async () => {
    const v = await valueOf('boto3.client("ssm", region_name="eu-west-1", aws_access_key_id="AKIAIOSFODNN7EXAMPLE")');
    expect(v?.kind).toBe('unknown');
    const call = callOf(v)!;
    expect(call.callee).toBe('boto3.client');
    expect(call.positional.map(summarize)).toEqual(["known 'ssm'"]);
    expect(summarize(call.keywords.get('aws_access_key_id'))).toBe("known 'AKIAIOSFODNN7EXAMPLE'");
    expect(call.origin).toMatchObject({ line: 3, column: 5 });
  });

  it('resolves imported names', async () => {
    expect(callOf(await valueOf('Session(aws_access_key_id="k")'))?.callee).toBe('boto3.session.Session');
  });

  it('follows attributes, subscripts and method calls on the result', async () => {
    const v = await valueOf('boto3.client("ssm", aws_access_key_id="k").get_parameter(Name="/a")["Parameter"]["Value"]');
    expect(v?.kind).toBe('unknown');
    expect(callOf(v)?.callee).toBe('boto3.client');
  });

  it('follows a helper function that uses a module-level client', async () => {
    const module = await evaluateModule(`${PRELUDE}_ssm = boto3.client("ssm")
def get_secret(name):
    return _ssm.get_parameter(Name=name)["Parameter"]["Value"]
SECRET_KEY = get_secret("/app/key")
`);
    const v = module.ns.get('SECRET_KEY');
    expect(v?.kind).toBe('unknown');
    expect(callOf(v)?.origin.line).toBe(3);
  });

  it('records nothing for other calls the model does not run', async () => {
    const v = await valueOf('requests.get("https://example.com").json()');
    expect(v?.kind).toBe('unknown');
    expect(callOf(v)).toBeUndefined();
  });
});
