import type { SendMailOptions, Transporter } from 'nodemailer';
import { lazy } from '../lazy';

export type OutgoingCode = {
  channel: 'sms' | 'email';
  to: string;
  code: string;
  regionName: string;
  /** What the code is for; the wording of the message differs. Absent means 'verify'. */
  purpose?: 'verify' | 'password-reset';
};
/** A plain notification e-mail (e.g. a LAKSA status change), Indonesian first; maybe with files (a signed letter). */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
};

/**
 * Sends verification codes. Pluggable: development logs the code; SMTP sends e-mail. An SMS
 * gateway is region-specific (each Pemda has its own contract) and plugs in the same way.
 */
export interface CodeSender {
  send(msg: OutgoingCode): Promise<void>;
  mail(msg: OutgoingMail): Promise<void>;
}

export class LogSender implements CodeSender {
  readonly sent: OutgoingCode[] = [];
  constructor(private readonly log: (line: string) => void) {}
  async send(msg: OutgoingCode) {
    this.sent.push(msg);
    if (this.sent.length > 1000) this.sent.shift();
    this.log(`[kode verifikasi] ${msg.channel} ${msg.to}: ${msg.code}`);
  }
  readonly mails: OutgoingMail[] = [];
  async mail(msg: OutgoingMail) {
    this.mails.push(msg);
    if (this.mails.length > 1000) this.mails.shift();
    this.log(
      `[e-mail] ${msg.to}: ${msg.subject}${msg.attachments?.length ? ` (+${msg.attachments.length} lampiran)` : ''}`,
    );
  }
}

export class SmtpSender implements CodeSender {
  /** nodemailer and its transport are made with the first e-mail, not at start-up (lazy.ts). */
  private readonly transport: () => Promise<Transporter>;
  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly fallback: CodeSender,
  ) {
    this.transport = lazy(async () => (await import('nodemailer')).default.createTransport(smtpUrl));
  }
  private async sendMail(options: SendMailOptions) {
    await (await this.transport()).sendMail(options);
  }
  async send(msg: OutgoingCode) {
    if (msg.channel !== 'email') return this.fallback.send(msg);
    if (msg.purpose === 'password-reset') {
      await this.sendMail({
        from: this.from,
        to: msg.to,
        subject: `Kode atur ulang kata sandi ${msg.regionName}: ${msg.code}`,
        text: `Kode untuk mengatur ulang kata sandi Anda: ${msg.code}\nBerlaku 10 menit. Jika Anda tidak memintanya, abaikan pesan ini; kata sandi Anda tidak berubah.\n\nYour password reset code: ${msg.code} (valid for 10 minutes). If you did not ask for it, ignore this message.`,
      });
      return;
    }
    await this.sendMail({
      from: this.from,
      to: msg.to,
      subject: `Kode verifikasi ${msg.regionName}: ${msg.code}`,
      text: `Kode verifikasi Anda: ${msg.code}\nBerlaku 10 menit. Jangan berikan kode ini kepada siapa pun.\n\nYour verification code: ${msg.code} (valid for 10 minutes).`,
    });
  }

  async mail(msg: OutgoingMail) {
    await this.sendMail({
      from: this.from,
      to: msg.to,
      subject: msg.subject,
      text: msg.text,
      attachments: msg.attachments,
    });
  }
}
