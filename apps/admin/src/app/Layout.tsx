import { useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { Icon } from '../components/Icon';
import { Logo } from '../components/Logo';
import { useCurrentUser, useSession } from '../features/auth/session';
import { NAVIGATION } from './nav';

/** The signed-in shell: role-aware sidebar (a drawer on narrow screens) and the page. */
export function Layout() {
  const user = useCurrentUser();
  const { signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setMenuOpen(false);
  }

  return (
    <div className={`shell ${menuOpen ? 'shell-menu-open' : ''}`}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <button
          className="icon-button"
          aria-label="Open navigation"
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <Icon name="menu" />
        </button>
        <span className="brand">
          <Logo size={24} /> Parley
        </span>
      </header>
      <aside className="sidebar" aria-label="Main navigation">
        <div className="brand sidebar-brand">
          <Logo /> <span>Parley</span>
        </div>
        <div className="sidebar-context">
          {user.role === 'platform_admin' ? 'Platform admin' : `Tenant · ${user.tenant_id}`}
        </div>
        <nav>
          {NAVIGATION[user.role].map((section, i) => (
            <div className="nav-section" key={section.title ?? i}>
              {section.title && <div className="nav-title">{section.title}</div>}
              {section.items.map((item) => (
                <NavLink key={item.to} to={item.to} end={item.to === '/'} className="nav-link">
                  <Icon name={item.icon} />
                  <span>{item.label}</span>
                </NavLink>
              ))}
            </div>
          ))}
        </nav>
        <div className="sidebar-footer">
          <div className="user-chip" title={user.email}>
            <span className="avatar" aria-hidden="true">
              {user.email[0]?.toUpperCase()}
            </span>
            <span className="user-email">{user.email}</span>
          </div>
          <button className="nav-link nav-button" onClick={() => signOut()}>
            <Icon name="logout" />
            <span>Sign out</span>
          </button>
        </div>
      </aside>
      <div className="scrim" onClick={() => setMenuOpen(false)} aria-hidden="true" />
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
