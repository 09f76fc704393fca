// The mail LectureVault sends, as documents of the Firebase "Trigger Email" extension
// (firestore-send-email: `to` and `message: {subject, text, html}`). Pure: texts in, documents out;
// every text that came from a user is escaped in the HTML part.

export interface MailMessage {
  to: string[];
  message: { subject: string; text: string; html: string };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Subject lines are one line: a title with a newline would inject headers in a naive mailer. */
const oneLine = (text: string, max = 120): string =>
  text
    .replace(/[\r\n\t]+/g, ' ')
    .trim()
    .slice(0, max);

const footer = (settingsUrl: string) => ({
  text: `\n\nYou get this because you have a LectureVault account. To stop these emails: ${settingsUrl}`,
  html: `<p style="color:#666">You get this because you have a LectureVault account. <a href="${escapeHtml(settingsUrl)}">Stop these emails</a>.</p>`,
});

export function lectureReadyMail(
  to: string,
  lecture: { title: string; teacherName: string; watchUrl: string; settingsUrl: string },
): MailMessage {
  const title = oneLine(lecture.title);
  const end = footer(lecture.settingsUrl);
  return {
    to: [to],
    message: {
      subject: `New lecture ready: ${title}`,
      text: `“${title}”${lecture.teacherName ? ` by ${lecture.teacherName}` : ''} is ready to watch: ${lecture.watchUrl}${end.text}`,
      html: `<p><strong>${escapeHtml(title)}</strong>${lecture.teacherName ? ` by ${escapeHtml(lecture.teacherName)}` : ''} is ready to watch.</p><p><a href="${escapeHtml(lecture.watchUrl)}">Watch it</a></p>${end.html}`,
    },
  };
}

export function adminAlertMail(
  to: string,
  alert: { kind: string; message: string; consoleUrl: string; settingsUrl: string },
): MailMessage {
  const end = footer(alert.settingsUrl);
  return {
    to: [to],
    message: {
      subject: `LectureVault alert: ${oneLine(alert.kind, 60)}`,
      text: `${alert.message}\n\nThe admin console: ${alert.consoleUrl}${end.text}`,
      html: `<p>${escapeHtml(alert.message)}</p><p><a href="${escapeHtml(alert.consoleUrl)}">Open the alerts</a></p>${end.html}`,
    },
  };
}
