// Read in the popup page (both browsers): everything the review popup shows, as plain data.
export function readPopupState() {
  const $ = (id) => document.getElementById(id);
  const visible = (id) => !$(id).hidden;
  return {
    // The draft counts as shown once start() has finished with it (it then records draftMs).
    ready: (visible('draft') && document.documentElement.dataset.draftMs !== undefined) || visible('problem'),
    draftShown: visible('draft'),
    problem: visible('problem') ? { code: $('problem').dataset.code, message: $('problem-message').textContent } : null,
    title: $('title').value,
    subtitle: $('subtitle').value,
    titleLength: $('title-length').textContent,
    subtitleLength: $('subtitle-length').textContent,
    tags: [...document.querySelectorAll('#tags li span')].map((s) => s.textContent),
    tagCount: $('tag-count').textContent,
    tagInput: $('tag-input').value,
    tagsLeftOut: visible('tags-left-out') ? $('tags-left-out').textContent : null,
    canonical: $('canonical').value,
    canonicalSource: $('canonical-source').textContent,
    backlinks: [...document.querySelectorAll('#backlinks li')].map((li) => ({
      url: li.querySelector('small').textContent,
      checked: li.querySelector('input').checked,
    })),
    body: $('body').value,
    preview: $('preview').textContent,
    previewHtml: $('preview').innerHTML,
    saved: $('saved').textContent,
    actionResult: $('action-result').textContent,
    documentTitle: document.title,
    draftMs: Number(document.documentElement.dataset.draftMs ?? NaN),
  };
}
