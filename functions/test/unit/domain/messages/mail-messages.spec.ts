import assert from 'node:assert/strict';
import { adminAlertMail, lectureReadyMail } from '../../../../src/domain/messages/mail-messages';

describe('mail messages', () => {
  it('are the extension’s shape, with one-line subjects and escaped HTML', () => {
    const mail = lectureReadyMail('s@school.edu', {
      title: 'Valves <b>&</b>\r\nBcc: x@evil',
      teacherName: 'Dr. "Grey"',
      watchUrl: 'https://p.web.app/#/watch/rec-1',
      settingsUrl: 'https://p.web.app/#/library',
    });
    assert.deepEqual(Object.keys(mail), ['to', 'message']);
    assert.deepEqual(mail.to, ['s@school.edu']);
    assert.equal(mail.message.subject, 'New lecture ready: Valves <b>&</b> Bcc: x@evil');
    assert.ok(!/[\r\n]/.test(mail.message.subject));
    assert.match(mail.message.html, /Valves &lt;b&gt;&amp;&lt;\/b&gt;/);
    assert.match(mail.message.html, /Dr\. &quot;Grey&quot;/);
    assert.match(mail.message.text, /Stop these emails|To stop these emails/);
    const alert = adminAlertMail('a@school.edu', {
      kind: 'upload-gap',
      message: 'Recording rec-1 is missing segment(s) 3',
      consoleUrl: 'https://p.web.app/#/alerts',
      settingsUrl: 'https://p.web.app/#/library',
    });
    assert.equal(alert.message.subject, 'LectureVault alert: upload-gap');
  });
});
