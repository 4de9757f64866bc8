import { getDecodedOutcome, isVppError } from '@vppwatch/core';

/**
 * The operations the demo runs: what an MDM does all day (list assets and users, assign apps, poll events, and
 * on the legacy API manage licences), spread over the organizations of the scenario. Each operation says which
 * client carries it, so axios and got run side by side on one shared engine.
 */
export function planOperations(total, { tokens, app }, random) {
  const share = (fraction) => Math.max(1, Math.round(total * fraction));
  const plan = [
    ...repeat(share(0.22), () => v2Op('axios', tokens.northwind, random, app)),
    ...repeat(share(0.22), () => v2Op('axios', tokens.woodgrove, random, app)),
    ...repeat(share(0.22), () => v2Op('got', tokens.contoso, random, app)),
    ...repeat(share(0.22), () => v2Op('got', tokens.tailspin, random, app)),
    ...repeat(share(0.04), () => legacyManage(tokens.fabrikam, random, app)),
    ...repeat(share(0.02), () => legacyPartial(tokens.fabrikam, app)),
    ...repeat(share(0.05), () => legacyRead(tokens.fabrikam, random)),
    ...repeat(Math.max(3, share(0.01)), () => ({
      client: 'axios',
      method: 'GET',
      path: 'mdm/v2/assets',
      token: tokens.expired,
    })),
  ];
  // A deterministic shuffle, so both clients interleave their organizations.
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [plan[i], plan[j]] = [plan[j], plan[i]];
  }
  return plan;
}

function repeat(n, make) {
  return Array.from({ length: n }, make);
}

function v2Op(client, token, random, app) {
  const roll = random();
  if (roll < 0.45) return { client, method: 'GET', path: 'mdm/v2/assets?pageIndex=0', token };
  if (roll < 0.7) return { client, method: 'GET', path: 'mdm/v2/users?pageIndex=0', token };
  if (roll < 0.85) return { client, method: 'GET', path: 'mdm/v2/assignments?pageIndex=0', token };
  const student = `student-${Math.floor(random() * 40)}`;
  return {
    client,
    method: 'POST',
    path: 'mdm/v2/assets/associate',
    token,
    json: { assets: [app], clientUserIds: [student] },
  };
}

function legacyManage(sToken, random, app) {
  const teacher = `teacher-${Math.floor(random() * 6)}`;
  return {
    client: 'axios',
    method: 'POST',
    path: 'mdm/manageVPPLicensesByAdamIdSrv',
    json: {
      sToken,
      adamIdStr: app.adamId,
      pricingParam: app.pricingParam,
      associateClientUserIdStrs: [teacher],
    },
  };
}

function legacyPartial(sToken, app) {
  return {
    client: 'axios',
    method: 'POST',
    path: 'mdm/manageVPPLicensesByAdamIdSrv',
    json: {
      sToken,
      adamIdStr: app.adamId,
      pricingParam: app.pricingParam,
      associateClientUserIdStrs: ['teacher-8', 'someone-unregistered'],
    },
  };
}

function legacyRead(sToken, random) {
  const path = random() < 0.5 ? 'mdm/getVPPAssetsSrv' : 'mdm/getVPPUsersSrv';
  return { client: 'got', method: 'POST', path, json: { sToken } };
}

/** Sends one operation through its client and reports how it ended; never throws. */
export async function runOperation(op, clients) {
  const headers = op.token ? { authorization: `Bearer ${op.token}` } : {};
  try {
    let response;
    if (op.client === 'axios') {
      response = await clients.axios.request({ method: op.method, url: op.path, headers, data: op.json });
    } else {
      response = await clients.got(op.path, { method: op.method, headers, json: op.json });
    }
    return { ok: true, decoded: getDecodedOutcome(response) ?? null };
  } catch (error) {
    if (isVppError(error)) return { ok: false, error };
    return { ok: false, error: null, message: String(error?.code ?? error?.name ?? 'error') };
  }
}
