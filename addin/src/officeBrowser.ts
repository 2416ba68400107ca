// The Office side of handing a file to the user outside the pane: the system browser (Excel for Mac ignores a[download]).

/** Opens an address in the user's browser, outside Office. */
export interface BrowserWindow {
  open(url: string): void;
}

/** Office.context.ui.openBrowserWindow where Office offers it (OpenBrowserWindowApi 1.1), else null. */
export function officeBrowserWindow(): BrowserWindow | null {
  try {
    if (typeof Office === 'undefined' || !Office.context?.requirements?.isSetSupported('OpenBrowserWindowApi', '1.1')) return null;
    return { open: (url) => Office.context.ui.openBrowserWindow(url) };
  } catch {
    return null;
  }
}
