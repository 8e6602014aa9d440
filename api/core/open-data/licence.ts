import type { FastifyReply } from 'fastify';

/**
 * The licence every region's open data is published under unless it says otherwise: CC BY 4.0,
 * the licence Satu Data Indonesia portals use for open government data (reuse with attribution).
 */
export const OPEN_DATA_LICENCE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

/**
 * Marks an open-data answer (CSV or JSON) with its licence and where its metadata is, as HTTP
 * links (RFC 8288), so a harvester learns both from any distribution without parsing the body.
 */
export function openDataLinks(reply: FastifyReply, metadataUrl: string): FastifyReply {
  return reply.header(
    'link',
    `<${OPEN_DATA_LICENCE.url}>; rel="license", <${metadataUrl}>; rel="describedby"; type="application/json"`,
  );
}
