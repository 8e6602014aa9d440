import { z } from 'zod';
import { nikSchema, phoneSchema } from './indonesia';
import { roleSchema } from './roles';

export const passwordSchema = z
  .string()
  .min(8, 'Kata sandi minimal 8 karakter / at least 8 characters')
  .max(200);

export const registerInput = z
  .object({
    name: z.string().trim().min(2).max(120),
    phone: phoneSchema.optional(),
    email: z.string().trim().toLowerCase().email().max(200).optional(),
    password: passwordSchema,
    nik: nikSchema.optional(),
  })
  .refine((v) => v.phone || v.email, {
    message: 'Isi nomor telepon atau e-mail / phone or e-mail is required',
    path: ['phone'],
  });
export type RegisterInput = z.input<typeof registerInput>;

export const loginInput = z.object({
  identifier: z.string().trim().min(3).max(200).describe('Phone number (08…, 628…, +628…) or e-mail'),
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export type LoginInput = z.infer<typeof loginInput>;

const identifierField = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .describe('Phone number (08…, 628…, +628…) or e-mail of the account');

/** "Lupa kata sandi", step 1: where to send a reset code. */
export const passwordResetRequestInput = z.object({ identifier: identifierField });
/** "Lupa kata sandi", step 2: the code that was sent and the new password. */
export const passwordResetInput = z.object({
  identifier: identifierField,
  code: z.string().regex(/^\d{6}$/),
  newPassword: passwordSchema,
});

export const passwordChangeInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

export const verifyInput = z.object({ code: z.string().regex(/^\d{6}$/) });

export const meView = z
  .object({
    user: z.object({
      id: z.string().uuid(),
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      nikMasked: z.string().nullable().describe('Only the last four digits of the NIK'),
      verified: z.boolean(),
      totpEnabled: z.boolean(),
      roles: z.array(z.object({ role: roleSchema, opdId: z.string().uuid().nullable() })),
    }),
    permissions: z.array(z.string()),
    csrfToken: z.string(),
  })
  .meta({ id: 'Me' });
export type MeView = z.infer<typeof meView>;

/** GET /api/auth/session: the signed-in account, or null for an anonymous browser (never a 401). */
export const sessionView = z.object({ me: meView.nullable() }).meta({ id: 'Session' });
export type SessionView = z.infer<typeof sessionView>;

export const profileUpdateInput = z.object({
  name: z.string().trim().min(2).max(120).optional(),
  email: z.string().trim().toLowerCase().email().max(200).nullable().optional(),
  nik: nikSchema.nullable().optional(),
});

export const totpSetupView = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const totpEnableInput = z.object({ code: z.string().regex(/^\d{6}$/) });

export const userAdminView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(z.object({ role: roleSchema, opdId: z.string().uuid().nullable() })),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export const staffCreateInput = z
  .object({
    name: z.string().trim().min(2).max(120),
    email: z.string().trim().toLowerCase().email().optional(),
    phone: phoneSchema.optional(),
    password: passwordSchema,
    roles: z
      .array(
        z.object({
          role: roleSchema.exclude(['platform_admin']),
          opdId: z.string().uuid().nullable().default(null),
        }),
      )
      .min(1),
  })
  .refine((v) => v.phone || v.email, {
    message: 'Isi telepon atau e-mail / phone or e-mail is required',
    path: ['email'],
  });
export const rolesUpdateInput = z.object({
  roles: z.array(
    z.object({
      role: roleSchema.exclude(['platform_admin']),
      opdId: z.string().uuid().nullable().default(null),
    }),
  ),
  disabled: z.boolean().optional(),
});
