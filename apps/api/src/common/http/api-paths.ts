/** Paths that belong to the API; every other GET may be a page of the admin app. */
export const API_PATHS = /^\/(api|webhooks|health|metrics)(\/|$)/;
