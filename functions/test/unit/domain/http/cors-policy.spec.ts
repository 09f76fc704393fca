import assert from 'node:assert/strict';
import { corsDecision, parseOrigins } from '../../../../src/domain/http/cors-policy';
import { DELIVERY_RECEIPT_HEADER } from '@lecturevault/contract';

const PLATFORM = 'https://learn.example.edu';

describe('CORS policy for the widgets', () => {
  it('reads WIDGET_ORIGINS: https origins (http only on this machine), trailing slashes dropped, the rest left out', () => {
    assert.deepEqual(parseOrigins(`${PLATFORM}/  https://meet.example.edu:8443,http://127.0.0.1:5080`), {
      origins: [PLATFORM, 'https://meet.example.edu:8443', 'http://127.0.0.1:5080'],
      invalid: [],
    });
    assert.deepEqual(parseOrigins('http://learn.example.edu https://x.example/path * null').origins, []);
    assert.deepEqual(parseOrigins('').origins, []);
  });

  it("answers an allowed origin's preflight with its own origin, the methods and headers, and never credentials", () => {
    const decision = corsDecision({ origin: PLATFORM, method: 'OPTIONS', requestMethod: 'POST' }, [PLATFORM]);
    assert.equal(decision.kind, 'preflight');
    assert.ok(decision.kind === 'preflight' && decision.allowed);
    assert.equal(decision.headers['Access-Control-Allow-Origin'], PLATFORM);
    assert.match(decision.headers['Access-Control-Allow-Headers']!, /Authorization/);
    assert.match(decision.headers['Access-Control-Allow-Methods']!, /POST/);
    assert.equal(decision.headers['Access-Control-Allow-Credentials'], undefined);
  });

  it('refuses any other origin with no CORS header at all, preflight or not', () => {
    for (const origin of ['https://evil.example', 'null', `${PLATFORM}.evil.example`, 'http://learn.example.edu']) {
      const preflight = corsDecision({ origin, method: 'OPTIONS', requestMethod: 'GET' }, [PLATFORM]);
      assert.deepEqual(preflight, { kind: 'preflight', allowed: false, headers: {} }, origin);
      assert.deepEqual(corsDecision({ origin, method: 'GET', requestMethod: undefined }, [PLATFORM]), { kind: 'none' });
    }
  });

  it('adds the allow header to an allowed request and leaves same-origin and non-browser calls alone', () => {
    const allowed = corsDecision({ origin: PLATFORM, method: 'GET', requestMethod: undefined }, [PLATFORM]);
    assert.equal(allowed.kind === 'allow' && allowed.headers['Access-Control-Allow-Origin'], PLATFORM);
    // The player widget reads each segment's delivery receipt (its watched time) and a 429's wait.
    const exposed = allowed.kind === 'allow' ? allowed.headers['Access-Control-Expose-Headers']!.split(/,\s*/) : [];
    assert.deepEqual(exposed.sort(), ['Retry-After', DELIVERY_RECEIPT_HEADER].sort());
    assert.deepEqual(corsDecision({ origin: undefined, method: 'GET', requestMethod: undefined }, [PLATFORM]), {
      kind: 'none',
    });
    // An OPTIONS that is no preflight (no Access-Control-Request-Method) is the router's (405).
    assert.deepEqual(corsDecision({ origin: PLATFORM, method: 'OPTIONS', requestMethod: undefined }, []), {
      kind: 'none',
    });
  });
});
