import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// CI runs the API, fakes and admin unit suites side by side on two cores: a page that needs a
// second to settle there is slow, not broken. findBy*/waitFor wait up to 5 s instead of 1 s.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// jsdom has <dialog> but not its modal methods; open/close is what the components rely on.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.open = false;
  };
}
