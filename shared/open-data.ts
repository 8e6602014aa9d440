import { z } from 'zod';

/**
 * What a published dataset is, in the shape of a DCAT / Satu Data Indonesia catalogue entry: every
 * module that publishes open data answers this at `…/open-data/metadata.json`.
 */
export const openDataMetadata = z
  .object({
    identifier: z.string(),
    title: z.string(),
    description: z.string(),
    publisher: z.object({ name: z.string(), code: z.string().describe('Kemendagri code of the region') }),
    license: z.object({ id: z.string(), name: z.string(), url: z.string() }),
    keywords: z.array(z.string()),
    accrualPeriodicity: z.string().describe('How often it changes (ISO 8601 duration, e.g. P1D)'),
    language: z.array(z.string()),
    modified: z.string().nullable(),
    columns: z.array(
      z.object({
        name: z.string().describe('snake_case, the same in CSV and JSON'),
        type: z.enum(['string', 'integer', 'number', 'date']),
        description: z.string(),
      }),
    ),
    distributions: z.array(z.object({ mediaType: z.string(), url: z.string() })),
  })
  .meta({ id: 'OpenDataMetadata' });
export type OpenDataMetadata = z.infer<typeof openDataMetadata>;
