import assert from 'node:assert/strict';
import { clientIpOf, networkOf, userAgentOf, UNKNOWN_IP, USER_AGENT_MAX } from '../../../../src/domain/http/client-ip';

// What Google's front end sends on: whatever the client wrote, then `<client-ip>,<load-balancer-ip>`.
const LB = '35.191.10.1';
const viaGoogle = (client: string, supplied?: string) => [supplied, client, LB].filter(Boolean).join(', ');

describe('the client IP from the trusted proxy chain', () => {
  it('takes the address the first trusted proxy saw', () => {
    assert.equal(clientIpOf({ forwardedFor: viaGoogle('203.0.113.7') }), '203.0.113.7');
    assert.equal(clientIpOf({ forwardedFor: viaGoogle('2001:DB8::1') }), '2001:db8::1');
  });

  it('never stores what a client wrote into X-Forwarded-For', () => {
    for (const supplied of ['1.2.3.4', '1.2.3.4, 5.6.7.8', '10.0.0.1,   127.0.0.1', '<script>', '1.2.3.4, ' + LB]) {
      assert.equal(clientIpOf({ forwardedFor: viaGoogle('203.0.113.7', supplied) }), '203.0.113.7', supplied);
    }
    // Sent as a header of its own: still ahead of what the proxies appended.
    assert.equal(clientIpOf({ forwardedFor: ['1.2.3.4', viaGoogle('203.0.113.7')] }), '203.0.113.7');
  });

  it('records unknown, not the claim, when the chain is shorter than our proxies make it', () => {
    assert.equal(clientIpOf({ forwardedFor: '1.2.3.4' }), UNKNOWN_IP);
    assert.equal(clientIpOf({ forwardedFor: '' }), UNKNOWN_IP);
  });

  it('records unknown for an entry that is not an address', () => {
    for (const bad of [
      'not-an-ip',
      '203.0.113.7:443',
      '[2001:db8::1]',
      '999.1.1.1',
      'x'.repeat(300),
      '1.2.3.4\u0000',
    ]) {
      assert.equal(clientIpOf({ forwardedFor: viaGoogle(bad) }), UNKNOWN_IP, bad);
    }
    assert.equal(clientIpOf({ forwardedFor: Array(100).fill('1.2.3.4').join(',') }), UNKNOWN_IP);
  });

  it('uses the TCP peer only when nothing was forwarded (a local server), and validates it too', () => {
    assert.equal(clientIpOf({ socketAddress: '127.0.0.1' }), '127.0.0.1');
    assert.equal(clientIpOf({ socketAddress: undefined }), UNKNOWN_IP);
    assert.equal(clientIpOf({ socketAddress: '/tmp/fire_emu_1.sock' }), UNKNOWN_IP);
    assert.equal(clientIpOf({ forwardedFor: '1.2.3.4', socketAddress: '127.0.0.1' }), UNKNOWN_IP);
  });

  it('follows the hop count it is given', () => {
    const chain = '1.2.3.4, 203.0.113.7, 151.101.1.1, ' + LB;
    assert.equal(clientIpOf({ forwardedFor: chain }, 2), '203.0.113.7');
    assert.equal(clientIpOf({ forwardedFor: chain }, 1), '151.101.1.1');
  });
});

describe('the user agent', () => {
  it('is capped and printable', () => {
    assert.equal(userAgentOf('Mozilla/5.0 (X11)'), 'Mozilla/5.0 (X11)');
    assert.equal(userAgentOf('a\r\nSet-Cookie: x\u0000\u202e'), 'aSet-Cookie: x');
    assert.equal(userAgentOf('x'.repeat(1000)).length, USER_AGENT_MAX);
    assert.equal(userAgentOf(undefined), '');
  });
});

describe('the network of an address', () => {
  it('is the /24 of IPv4 and the /48 of IPv6', () => {
    assert.equal(networkOf('203.0.113.7'), '203.0.113.x');
    assert.equal(networkOf('2001:db8:ab::1'), '2001:db8:ab::/48');
    assert.equal(networkOf('2001:db8::1'), '2001:db8:0::/48');
    assert.equal(networkOf(UNKNOWN_IP), UNKNOWN_IP);
  });
});
