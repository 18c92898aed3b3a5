// Placeholder for the delivery module (the Medium delivery work replaces this file).
// Contract, called by background.js:
//   deliver(draft, method, env) → {ok: true, url?} | {ok: false, error: string}
//     draft: the final Draft (the core's JSON contract, with the user's edits applied)
//     method: 'api' | 'editor' | 'import'
//     env: {record, options, api, store, config} — see background.js deliveryEnv()
//   checkToken(token, env) → {ok, user?, error?};  listPublications(env) → {ok, publications?, error?}

const NOT_YET = 'Delivery to Medium is not available yet.';

export async function deliver(_draft, _method, _env) {
  return { ok: false, error: NOT_YET };
}

export async function checkToken(_token, _env) {
  return { ok: false, error: NOT_YET };
}

export async function listPublications(_env) {
  return { ok: false, error: NOT_YET };
}
