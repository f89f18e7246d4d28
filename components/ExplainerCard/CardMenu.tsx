import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useLang } from '../lang';

/** What the card's menu can do; the content script supplies them (the view knows no browser). */
export interface CardMenuActions {
  /** Stop marking this explainer on every page (a stored setting, undone from Options). */
  hideTopic(): void;
  /** Pause the extension on this site (the same per-site pause as the popup's). */
  pauseSite(): void;
  openSettings(): void;
}

/**
 * The card header's menu button (WAI-ARIA menu button pattern): Enter, Space or ↓ open it on the
 * first item, ↑ on the last; arrows, Home and End move; Esc closes it and returns to the button
 * before a second Esc closes the card; Tab or a click elsewhere closes it.
 */
export function CardMenu({ actions }: { actions: CardMenuActions }) {
  const { t } = useLang();
  const menuId = useId();
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    const list = items();
    (open === 'first' ? list[0] : list.at(-1))?.focus();
    const root = button.current?.getRootNode() as Document | ShadowRoot | undefined;
    const onPointerDown = (event: Event) => {
      const path = event.composedPath();
      if (!path.includes(menu.current as EventTarget) && !path.includes(button.current as EventTarget)) setOpen(false);
    };
    root?.addEventListener('pointerdown', onPointerDown, true);
    return () => root?.removeEventListener('pointerdown', onPointerDown, true);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const choose = (action: () => void) => {
    close(true);
    action();
  };

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(event.target as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      list[(index + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') {
      // The menu closes first; the card only on the next Esc.
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') setOpen(false);
  };

  const item = (label: string, testId: string, action: () => void) => (
    <li role="none">
      <button type="button" role="menuitem" tabIndex={-1} class="ce-menu-item" data-testid={testId} onClick={() => choose(action)}>
        {label}
      </button>
    </li>
  );

  return (
    <div class="ce-menu-wrap">
      <button
        ref={button}
        type="button"
        class="ce-icon-button ce-menu-button"
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? menuId : undefined}
        aria-label={t('cardMenu')}
        title={t('cardMenu')}
        data-testid="card-menu-button"
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKey}
      >
        <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
          <circle cx="3" cy="8" r="1.5" fill="currentColor" />
          <circle cx="8" cy="8" r="1.5" fill="currentColor" />
          <circle cx="13" cy="8" r="1.5" fill="currentColor" />
        </svg>
      </button>
      {open ? (
        <ul ref={menu} id={menuId} role="menu" aria-label={t('cardMenu')} class="ce-menu" data-testid="card-menu" onKeyDown={onMenuKey}>
          {item(t('cardMenuHideTopic'), 'card-menu-hide-topic', actions.hideTopic)}
          {item(t('cardMenuPauseSite'), 'card-menu-pause-site', actions.pauseSite)}
          {item(t('cardMenuSettings'), 'card-menu-settings', actions.openSettings)}
        </ul>
      ) : null}
    </div>
  );
}
