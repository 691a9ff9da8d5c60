// django-otp-webauthn's register script only announces that a passkey was registered:
// go on to where the page says (the admin after enrolment, the list after adding one).
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const container = event.target.closest("[data-passkey-next]");
  if (container) {
    window.location.assign(container.dataset.passkeyNext);
  }
});
