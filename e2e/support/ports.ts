/** Where the e2e stack listens; away from the dev ports (3000, 4010) so both can run at once. */
export const E2E_PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT || 3100);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT || 4110);
export const E2E_PORTAL_URL = `http://127.0.0.1:${E2E_PORTAL_PORT}`;
export const E2E_SANDBOX_URL = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;
