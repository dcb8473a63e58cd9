/**
 * Round 2 (issue 7): the Embedded Signup "Connect WhatsApp" button and its live steps replace this
 * note. Until the server side exists there is no button: one that cannot finish would mislead.
 */
export function ConnectWithFacebook() {
  return (
    <div className="coming-next" role="note" data-spot="embedded-signup">
      <strong>Connect with Facebook</strong>
      <p>
        Connecting in a few clicks through Meta&apos;s Embedded Signup will be offered here once Parley&apos;s
        signup flow is switched on. Until then, connect your number with the form below.
      </p>
    </div>
  );
}
