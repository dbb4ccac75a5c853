import type { loginZh } from './login.zh-CN';

export const loginEn: typeof loginZh = {
    title: 'Sign in', subtitle: 'For organization-department staff and party members', username: 'Username', password: 'Password',
    usernamePlaceholder: 'Enter your username', passwordPlaceholder: 'Enter your password', submit: 'Sign in',
    usernameRequired: 'Please enter your username', passwordRequired: 'Please enter your password',
    mfaTitle: 'Two-factor verification', mfaHint: 'Open the authenticator app on your phone and enter the 6-digit code it shows.', code: 'Verification code',
    codePlaceholder: '6 digits', codeRequired: 'Please enter the verification code', codeFormat: 'The code has 6 digits. Check it and try again.', verify: 'Verify',
    enrolTitle: 'Set up an authenticator', enrolHint: 'The security policy requires two-factor verification for your account. Scan the QR code below with an authenticator (TOTP) app on your phone, then enter the 6-digit code it shows.',
    qrAlt: 'QR code for setting up the authenticator', secret: 'If you cannot scan, enter this key by hand:', enrolConfirm: 'Finish setup',
    tabPassword: 'Password', tabSms: 'SMS code',
    smsSubtitle: 'Party members with an account can sign in with a code sent to the mobile number in their member record.',
    phone: 'Mobile number', phonePlaceholder: '11-digit mobile number', phoneRequired: 'Please enter your mobile number', phoneFormat: 'Please enter a valid 11-digit mobile number',
    smsCode: 'SMS code', smsCodeRequired: 'Please enter the code from the text message', smsCodeFormat: 'The code has 6 digits. Check the message and try again.',
    getCode: 'Get code', resendIn: 'Resend in {{s}} s', codeSent: 'If this number belongs to a member account, the code will arrive shortly; it is valid for {{m}} minutes.',
    demoSmsHint: 'The demo sends no real text messages: sign in to the console as demo-province and open SMS › Virtual phones to read the code this number received.',
    backToLogin: 'Start over', backToPortal: 'Back to home', loginFailed: 'Sign-in failed. Check your details and try again.',
};
