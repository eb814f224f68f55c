import assert from 'node:assert/strict';
import type { AuthorizationRequest } from '../server/auth/types';
import { rootPrincipal } from '../server/iam/principals';
import type { Principal } from '../server/iam/principals';
import { requestContext } from '../server/iam/request-context';

describe('the IAM request context of a call', () => {
  const principal: Principal = {
    ...rootPrincipal('111122223333'),
    arn: 'arn:aws:sts::111122223333:assumed-role/ci/build-1',
    principalArn: 'arn:aws:iam::111122223333:role/ci',
    type: 'AssumedRole',
    userId: 'AROAEXAMPLE:build-1',
    isRoot: false,
    tokenIssuedAt: Date.UTC(2026, 0, 1, 11, 0, 0),
  };
  const request: AuthorizationRequest = {
    caller: {
      accountId: '111122223333',
      region: 'eu-west-1',
      arn: principal.arn,
      type: 'AssumedRole',
      userId: principal.userId,
      isRoot: false,
    },
    operation: 'AddTags',
    action: 'es:AddTags',
    resource: 'arn:aws:es:eu-west-1:111122223333:domain/logs',
    resourceTags: { team: 'search' },
    requestTags: { env: 'prod', Owner: 'alice' },
    tagKeys: ['env', 'Owner'],
    sourceIp: '10.1.2.3',
    userAgent: 'aws-sdk-js/3.0.0 ua/2.1',
    now: Date.UTC(2026, 0, 1, 12, 30, 15, 250),
    requestId: 'r-1',
  };

  it('holds the global keys, the tag keys, and nothing the service does not support', () => {
    assert.deepEqual(requestContext(request, principal), {
      'aws:CurrentTime': '2026-01-01T12:30:15Z',
      'aws:EpochTime': '1767270615',
      'aws:SourceIp': '10.1.2.3',
      'aws:RequestedRegion': 'eu-west-1',
      'aws:ResourceAccount': '111122223333',
      'aws:userid': 'AROAEXAMPLE:build-1',
      'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci',
      'aws:PrincipalAccount': '111122223333',
      'aws:PrincipalType': 'AssumedRole',
      'aws:TokenIssueTime': '2026-01-01T11:00:00Z',
      'aws:MultiFactorAuthPresent': 'false',
      'aws:ViaAWSService': 'false',
      'aws:PrincipalIsAWSService': 'false',
      'aws:UserAgent': 'aws-sdk-js/3.0.0 ua/2.1',
      'aws:RequestTag/env': 'prod',
      'aws:RequestTag/Owner': 'alice',
      'aws:TagKeys': ['env', 'Owner'],
      'aws:ResourceTag/team': 'search',
    });
  });

  it('has no tag keys when the call carries none, and no aws:username for a session', () => {
    const { resourceTags: _r, requestTags: _q, tagKeys: _k, ...plain } = request;
    const context = requestContext(plain, principal);
    assert.equal(
      Object.keys(context).some((key) => /Tag/.test(key) && key !== 'aws:TokenIssueTime'),
      false,
    );
    assert.equal(context['aws:username'], undefined);
    assert.equal(context['aws:SecureTransport'], undefined);
  });

  it("aws:ResourceAccount: the account of the resource's ARN, else the account called", () => {
    const accountFor = (resource: string) =>
      requestContext({ ...request, resource }, principal)['aws:ResourceAccount'];
    assert.equal(accountFor('arn:aws:es:eu-west-1:444455556666:domain/theirs'), '444455556666');
    assert.equal(accountFor('arn:aws:es:eu-west-1:111122223333:domain/*'), '111122223333');
    // An action that takes no resource: the account called, whose domain/* its denial names.
    assert.equal(accountFor('*'), '111122223333');
    // Not an ARN, or one without an account id (AddTags' ARN as a caller wrote it): the account called.
    assert.equal(accountFor('logs'), '111122223333');
    assert.equal(accountFor('arn:aws:es:eu-west-1::domain/logs'), '111122223333');
    assert.equal(accountFor('arn:aws:es:eu-west-1:*:domain/logs'), '111122223333');
    // An ARN that ends at its account names it.
    assert.equal(accountFor('arn:aws:es:eu-west-1:444455556666'), '444455556666');
  });

  it('aws:UserAgent and aws:Referer only when the request sent the header', () => {
    const { userAgent: _u, ...withoutAgent } = request;
    const context = requestContext(withoutAgent, principal);
    assert.equal('aws:UserAgent' in context, false);
    assert.equal('aws:Referer' in context, false);
    assert.equal(
      requestContext({ ...request, referer: 'https://example.com/' }, principal)['aws:Referer'],
      'https://example.com/',
    );
  });

  it('aws:MultiFactorAuthAge: the seconds since an MFA session was issued, and only for one', () => {
    assert.equal('aws:MultiFactorAuthAge' in requestContext(request, principal), false);
    const mfa: Principal = { ...principal, multiFactorAuthenticated: true };
    const context = requestContext(request, mfa);
    assert.equal(context['aws:MultiFactorAuthPresent'], 'true');
    assert.equal(context['aws:MultiFactorAuthAge'], String(90 * 60 + 15));
    // Whole seconds passed, never rounded up; and never negative, for a session issued after the clock's now
    // (a test's clock set before a seed's issuedAt).
    const ageAt = (now: number) => requestContext({ ...request, now }, mfa)['aws:MultiFactorAuthAge'];
    assert.equal(ageAt(Date.UTC(2026, 0, 1, 11, 0, 1, 999)), '1');
    assert.equal(ageAt(Date.UTC(2026, 0, 1, 10, 59, 58, 0)), '0');
  });

  it('gives each call the time of its own second, and the principal keys of its own principal', () => {
    const user: Principal = { ...principal, arn: 'arn:aws:iam::111122223333:user/alice', username: 'alice' };
    for (const [now, iso] of [
      [Date.UTC(2026, 0, 1, 12, 30, 15, 999), '2026-01-01T12:30:15Z'],
      [Date.UTC(2026, 0, 1, 12, 30, 16, 0), '2026-01-01T12:30:16Z'],
      [Date.UTC(2026, 0, 1, 12, 30, 15, 0), '2026-01-01T12:30:15Z'],
    ] as const) {
      const context = requestContext({ ...request, now }, user);
      assert.equal(context['aws:CurrentTime'], iso);
      assert.equal(context['aws:EpochTime'], String(Math.floor(now / 1000)));
      assert.equal(context['aws:username'], 'alice');
      assert.equal(requestContext({ ...request, now }, principal)['aws:username'], undefined);
    }
  });
});
