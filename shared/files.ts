/** The largest file one upload may carry (the API's multipart limit; the web checks it on selection). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
